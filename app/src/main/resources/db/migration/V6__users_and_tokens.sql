-- Console and API users managed by administrators; users configured by environment are not here.
create table app_user (
  name          text        primary key,
  password_hash text        not null,
  role          text        not null check (role in ('viewer', 'operator', 'admin')),
  enabled       boolean     not null default true,
  created_at    timestamptz not null,
  updated_at    timestamptz not null
);

-- Personal API tokens: only a SHA-256 digest of each secret is kept. The owner may be a configured
-- user, so there is no foreign key; deleting a user deletes its tokens in the same transaction.
create table api_token (
  id           bigint generated always as identity primary key,
  owner        text        not null,
  name         text        not null,
  role         text        not null check (role in ('viewer', 'operator', 'admin')),
  digest       bytea       not null unique,
  hint         text        not null,
  created_at   timestamptz not null,
  expires_at   timestamptz,
  last_used_at timestamptz,
  unique (owner, name)
);

-- A person's console preferences, for configured and stored users alike.
create table user_preference (
  name  text primary key,
  theme text not null check (theme in ('light', 'dark'))
);
