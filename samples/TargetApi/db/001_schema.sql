-- LoadHarness sample system under test: the verification platform's schema.
-- This is the "before" state the seed's audit finds slow: primary keys, unique constraints and
-- foreign keys only. Foreign keys get NO supporting indexes here; db/003_performance_indexes.sql adds them.
-- Run once on an empty database as its owner (a superuser): it creates the API role too.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'target_api') THEN
        CREATE ROLE target_api LOGIN PASSWORD 'target_api';
    END IF;
END
$$;

CREATE TABLE users (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email          text NOT NULL UNIQUE,
    password_salt  text NOT NULL,
    password_hash  text NOT NULL,            -- hex sha-256 of (salt || password): cheap on purpose, a sample only
    full_name      text NOT NULL,
    is_active      boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz
);

CREATE TABLE user_sessions (
    id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    access_token_hash         text NOT NULL UNIQUE,   -- hex sha-256 of the bearer token
    access_token_expires_at   timestamptz NOT NULL,
    refresh_token             text NOT NULL,          -- hex sha-256 of the refresh token (not unique: no index before 003)
    refresh_token_expires_at  timestamptz NOT NULL,
    is_active                 boolean NOT NULL DEFAULT true,
    user_agent                text,
    created_at                timestamptz NOT NULL DEFAULT now(),
    last_used_at              timestamptz
);

CREATE TABLE profiles (
    id                             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug                           text NOT NULL UNIQUE,
    display_name                   text NOT NULL,
    headline                       text,
    bio                            text,
    location                       text,
    is_public                      boolean NOT NULL DEFAULT true,
    verification_status            text NOT NULL DEFAULT 'unverified'
                                   CHECK (verification_status IN ('unverified', 'pending', 'verified')),
    profile_completion_percentage  integer NOT NULL DEFAULT 0 CHECK (profile_completion_percentage BETWEEN 0 AND 100),
    created_at                     timestamptz NOT NULL DEFAULT now(),
    updated_at                     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE work_experiences (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    company_name         text NOT NULL,
    title                text NOT NULL,
    description          text,
    start_date           date NOT NULL,
    end_date             date,
    is_current           boolean NOT NULL DEFAULT false,
    verification_status  text NOT NULL DEFAULT 'pending' CHECK (verification_status IN ('pending', 'verified', 'rejected')),
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type        text NOT NULL,
    title       text NOT NULL,
    body        text NOT NULL,
    is_read     boolean NOT NULL DEFAULT false,
    read_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE business_profiles (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id              uuid NOT NULL REFERENCES users (id),
    company_name         text NOT NULL,
    website              text,
    verification_status  text NOT NULL DEFAULT 'pending' CHECK (verification_status IN ('pending', 'verified', 'rejected')),
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    business_id   uuid NOT NULL REFERENCES business_profiles (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users (id),
    name          text NOT NULL,
    key_prefix    text NOT NULL,
    key_hash      text NOT NULL UNIQUE,
    scopes        text[] NOT NULL DEFAULT '{}',
    is_active     boolean NOT NULL DEFAULT true,
    last_used_at  timestamptz,
    expires_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhooks (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    business_id    uuid NOT NULL REFERENCES business_profiles (id) ON DELETE CASCADE,
    url            text NOT NULL,
    events         text[] NOT NULL,
    secret_hash    text NOT NULL,
    is_active      boolean NOT NULL DEFAULT true,
    failure_count  integer NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_usage_logs (
    id                bigint GENERATED ALWAYS AS IDENTITY,
    business_id       uuid NOT NULL REFERENCES business_profiles (id),
    api_key_id        uuid REFERENCES api_keys (id),
    endpoint          text NOT NULL,
    method            text NOT NULL,
    status_code       smallint NOT NULL,
    response_time_ms  integer NOT NULL,
    created_at        timestamptz NOT NULL,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE TABLE pin_verifications (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    business_id  uuid NOT NULL REFERENCES business_profiles (id),
    user_id      uuid REFERENCES users (id),
    status       text NOT NULL CHECK (status IN ('success', 'failed', 'expired')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    verified_at  timestamptz
);

-- Monthly partitions of api_usage_logs: p_months partitions starting with p_from's month.
CREATE FUNCTION ensure_api_usage_partitions(p_from date, p_months integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    m date;
BEGIN
    FOR i IN 0 .. p_months - 1 LOOP
        m := (date_trunc('month', p_from) + make_interval(months => i))::date;
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF api_usage_logs FOR VALUES FROM (%L) TO (%L)',
                       'api_usage_logs_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
    END LOOP;
END
$$;

-- Six months back (the current one included) and two ahead.
SELECT ensure_api_usage_partitions((date_trunc('month', now()) - interval '5 months')::date, 8);

-- Row-level security: a user sees only their own rows. The API sets app.user_id per transaction
-- with set_config('app.user_id', ..., true); NULLIF because a pooled connection keeps '' afterwards.
CREATE FUNCTION app_user_id() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_experiences ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_sessions ENABLE ROW LEVEL SECURITY;

CREATE POLICY profiles_owner ON profiles
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
CREATE POLICY work_experiences_owner ON work_experiences
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
CREATE POLICY notifications_owner ON notifications
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
CREATE POLICY user_sessions_owner ON user_sessions
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

-- What must work before a user is known runs as the owner, narrowly.

-- Bearer token -> user id (NULL when unknown, revoked or expired).
CREATE FUNCTION api_authenticate(p_access_token_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT s.user_id
    FROM user_sessions s
    WHERE s.access_token_hash = p_access_token_hash
      AND s.is_active = true
      AND s.access_token_expires_at > now()
$$;

-- Refresh-token rotation; the lookup is the seed's session query. No row when the token is unknown or expired.
CREATE FUNCTION api_refresh_session(p_refresh_token_hash text, p_new_access_token_hash text,
                                    p_new_refresh_token_hash text, p_access_ttl interval, p_refresh_ttl interval)
RETURNS TABLE (o_user_id uuid, o_access_token_expires_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    s user_sessions%ROWTYPE;
BEGIN
    SELECT * INTO s
    FROM user_sessions
    WHERE refresh_token = p_refresh_token_hash AND is_active = true
    LIMIT 1
    FOR UPDATE;
    IF NOT FOUND OR s.refresh_token_expires_at <= now() THEN
        RETURN;
    END IF;
    UPDATE user_sessions
    SET access_token_hash = p_new_access_token_hash,
        access_token_expires_at = now() + p_access_ttl,
        refresh_token = p_new_refresh_token_hash,
        refresh_token_expires_at = now() + p_refresh_ttl,
        last_used_at = now()
    WHERE id = s.id;
    o_user_id := s.user_id;
    o_access_token_expires_at := now() + p_access_ttl;
    RETURN NEXT;
END
$$;

-- The public profile by slug: public fields only, and only when the profile is public.
CREATE FUNCTION api_public_profile(p_slug text) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT json_build_object(
        'slug', p.slug,
        'displayName', p.display_name,
        'headline', p.headline,
        'location', p.location,
        'verificationStatus', p.verification_status,
        'verifiedExperiences', (SELECT count(*) FROM work_experiences we
                                WHERE we.user_id = p.user_id AND we.verification_status = 'verified'))
    FROM profiles p
    WHERE p.slug = p_slug AND p.is_public
$$;

GRANT USAGE ON SCHEMA public TO target_api;
GRANT SELECT ON users TO target_api;
GRANT SELECT, INSERT, UPDATE ON user_sessions, profiles, work_experiences, notifications TO target_api;
GRANT SELECT ON business_profiles, api_keys, webhooks, api_usage_logs, pin_verifications TO target_api;
GRANT EXECUTE ON FUNCTION app_user_id(), api_authenticate(text), api_public_profile(text),
    api_refresh_session(text, text, text, interval, interval) TO target_api;
