package dev.taskyard.app.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This node's name as a consumer of the shared Redis streams: host name and process id. */
public final class NodeName {
  private NodeName() {}

  /** {@code host-pid}: unique among the nodes that share a consumer group. */
  public static String consumer() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
