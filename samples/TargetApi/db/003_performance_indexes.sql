-- LoadHarness sample: the seed's performance migration (Day 16), idempotent.
-- The eight indexes of the seed first, then what the timeline, notification list and analytics need.

-- User sessions - for token refresh
CREATE INDEX IF NOT EXISTS idx_user_sessions_refresh_token_active
    ON user_sessions (refresh_token)
    WHERE is_active = true;

CREATE INDEX IF NOT EXISTS idx_user_sessions_user_expires
    ON user_sessions (user_id, refresh_token_expires_at)
    WHERE is_active = true;

-- Profiles - for feature gating
CREATE INDEX IF NOT EXISTS idx_profiles_completion
    ON profiles (user_id, profile_completion_percentage);

-- Work experiences - for profile completion
CREATE INDEX IF NOT EXISTS idx_work_exp_user_current
    ON work_experiences (user_id, is_current)
    WHERE is_current = true;

-- Notifications - for unread count
CREATE INDEX IF NOT EXISTS idx_notifications_user_unread
    ON notifications (user_id, created_at DESC)
    WHERE is_read = false;

-- API Keys - for business lookups
CREATE INDEX IF NOT EXISTS idx_api_keys_user_active
    ON api_keys (user_id, is_active)
    WHERE is_active = true;

-- Webhooks - for business lookups
CREATE INDEX IF NOT EXISTS idx_webhooks_business_active
    ON webhooks (business_id, is_active)
    WHERE is_active = true;

-- Business profiles - for ownership checks
CREATE INDEX IF NOT EXISTS idx_business_profiles_user
    ON business_profiles (user_id, id);

-- Beyond the seed: the work-experience timeline (seed benchmark 5) and the full profile's json_agg.
CREATE INDEX IF NOT EXISTS idx_work_exp_user_start
    ON work_experiences (user_id, start_date DESC);

-- The notification list (read and unread), newest first.
CREATE INDEX IF NOT EXISTS idx_notifications_user_created
    ON notifications (user_id, created_at DESC);

-- Analytics: a business's PIN verifications and API usage in a month (usage: per partition).
CREATE INDEX IF NOT EXISTS idx_pin_verifications_business_created
    ON pin_verifications (business_id, created_at);

CREATE INDEX IF NOT EXISTS idx_api_usage_logs_business_created
    ON api_usage_logs (business_id, created_at);

-- Foreign keys used in deletes/joins.
CREATE INDEX IF NOT EXISTS idx_api_keys_business
    ON api_keys (business_id);

ANALYZE user_sessions, profiles, work_experiences, notifications, business_profiles, api_keys, webhooks,
        api_usage_logs, pin_verifications;
