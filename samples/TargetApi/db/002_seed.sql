-- LoadHarness sample seed: deterministic data for the verification platform, parameterised by user count.
--   users          : seed.users (default 10000); email user{n}@example.test, password 'LoadHarness-2024!'
--   ids            : md5('<kind>:<n>')::uuid, e.g. user n = md5('user:' || n)::uuid
--   businesses     : max(1, users / 10); business b is owned by user b (user1 .. user{B})
--   per user       : a profile (slug user-{n}), 1-5 work experiences (~3), 50 notifications (~30 % unread),
--                    2 sessions (#1 active with bearer token 'seed-access-{n}' valid 1 day, #2 revoked)
--   per business   : 5 API keys (3 active), 2 webhooks
--   api_usage_logs : users * 100 rows over the 6 monthly partitions up to now
--   pin_verifications: users * 20 rows over the last 6 months
-- Random values come from setseed(), so the same user count gives the same rows (dates are relative to now()).
-- Run as a superuser on a database holding 001_schema.sql and no data:
--   PGOPTIONS='-c seed.users=10000' psql -f 002_seed.sql
-- then CHECKPOINT and VACUUM ANALYZE (without them the visibility map is empty: no index-only scans).

SET session_replication_role = replica;  -- bulk load: skip per-row FK triggers, the rows are consistent by construction

CREATE TEMP TABLE seed_params AS
SELECT u AS users,
       greatest(1, u / 10) AS businesses,
       date_trunc('month', now()) - interval '5 months' AS usage_from,
       'LoadHarness-2024!'::text AS password
FROM (SELECT coalesce(nullif(current_setting('seed.users', true), ''), '10000')::int AS u) s;

SELECT setseed(0.16);

INSERT INTO users (id, email, password_salt, password_hash, full_name, is_active, created_at)
SELECT md5('user:' || n)::uuid,
       'user' || n || '@example.test',
       md5('salt:' || n),
       encode(sha256(convert_to(md5('salt:' || n) || p.password, 'UTF8')), 'hex'),
       (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','Ken','Radia','Tim'])[1 + n % 10] || ' '
           || (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','Thompson','Perlman','Berners-Lee'])[1 + (n / 10) % 10],
       true,
       now() - interval '400 days' + (random() * interval '200 days')
FROM seed_params p, generate_series(1, p.users) AS n;

INSERT INTO profiles (id, user_id, slug, display_name, headline, bio, location, is_public,
                      verification_status, profile_completion_percentage, created_at, updated_at)
SELECT md5('profile:' || n)::uuid,
       md5('user:' || n)::uuid,
       'user-' || n,
       'User ' || n,
       (ARRAY['Backend engineer','Data analyst','Product designer','Site reliability engineer','Nurse','Accountant'])[1 + n % 6],
       'Seeded profile ' || n || '. ' || repeat('Experienced professional. ', 1 + n % 4),
       (ARRAY['Berlin','Lagos','Lisbon','Nairobi','Toronto','Sydney','Pune'])[1 + n % 7],
       n % 5 <> 0,
       (ARRAY['unverified','pending','verified'])[1 + n % 3],
       20 + floor(random() * 81)::int,
       now() - interval '300 days',
       now() - random() * interval '30 days'
FROM seed_params p, generate_series(1, p.users) AS n;

-- 1..5 experiences per user (average 3); the last one is current for ~70 % of users.
INSERT INTO work_experiences (id, user_id, company_name, title, description, start_date, end_date,
                              is_current, verification_status, created_at)
SELECT md5('work:' || n || ':' || k)::uuid,
       md5('user:' || n)::uuid,
       (ARRAY['Acme','Globex','Initech','Umbrella','Hooli','Stark','Wayne','Tyrell'])[1 + (n + k) % 8] || ' Ltd',
       (ARRAY['Engineer','Senior engineer','Analyst','Manager','Consultant'])[1 + (n * k) % 5],
       'Role ' || k || ' of user ' || n,
       (current_date - (c - k + 1) * 730 + floor(random() * 200)::int),
       CASE WHEN k = c AND n % 10 < 7 THEN NULL ELSE current_date - (c - k) * 730 - 30 END,
       k = c AND n % 10 < 7,
       (ARRAY['pending','verified','verified','rejected'])[1 + floor(random() * 4)::int],
       now() - random() * interval '300 days'
FROM seed_params p,
     generate_series(1, p.users) AS n,
     LATERAL (SELECT 1 + (n * 7) % 5 AS c) cnt,
     LATERAL generate_series(1, cnt.c) AS k;

INSERT INTO notifications (id, user_id, type, title, body, is_read, read_at, created_at)
SELECT md5('notification:' || r.n || ':' || r.k)::uuid,
       md5('user:' || r.n)::uuid,
       r.type,
       initcap(replace(r.type, '_', ' ')) || ' #' || r.k,
       'Notification ' || r.k || ' for user ' || r.n || ': something happened on your account.',
       r.read,
       CASE WHEN r.read THEN r.created_at + interval '1 hour' END,
       r.created_at
FROM (SELECT n, k,
             (ARRAY['verification_update','profile_view','work_verified','security_alert','api_usage'])[1 + (n + k) % 5] AS type,
             random() >= 0.3 AS read,
             now() - random() * interval '90 days' AS created_at
      FROM seed_params p, generate_series(1, p.users) AS n, generate_series(1, 50) AS k) r;

-- Session 1: active, bearer token 'seed-access-{n}' (1 day), refresh token 'seed-refresh-{n}' (30 days).
-- Session 2: an old revoked one.
INSERT INTO user_sessions (id, user_id, access_token_hash, access_token_expires_at, refresh_token,
                           refresh_token_expires_at, is_active, user_agent, created_at, last_used_at)
SELECT md5('session:' || n || ':' || k)::uuid,
       md5('user:' || n)::uuid,
       CASE WHEN k = 1 THEN encode(sha256(convert_to('seed-access-' || n, 'UTF8')), 'hex')
            ELSE encode(sha256(convert_to('seed-old-access-' || n, 'UTF8')), 'hex') END,
       CASE WHEN k = 1 THEN now() + interval '1 day' ELSE now() - interval '20 days' END,
       CASE WHEN k = 1 THEN encode(sha256(convert_to('seed-refresh-' || n, 'UTF8')), 'hex')
            ELSE encode(sha256(convert_to('seed-old-refresh-' || n, 'UTF8')), 'hex') END,
       CASE WHEN k = 1 THEN now() + interval '30 days' ELSE now() - interval '10 days' END,
       k = 1,
       (ARRAY['Mozilla/5.0','okhttp/4.12','k6/0.49'])[1 + (n + k) % 3],
       now() - (k * interval '20 days'),
       now() - random() * interval '1 day'
FROM seed_params p, generate_series(1, p.users) AS n, generate_series(1, 2) AS k;

INSERT INTO business_profiles (id, user_id, company_name, website, verification_status, created_at)
SELECT md5('business:' || b)::uuid,
       md5('user:' || b)::uuid,
       'Business ' || b || ' GmbH',
       'https://business' || b || '.example.test',
       (ARRAY['pending','verified','verified','rejected'])[1 + b % 4],
       now() - interval '200 days'
FROM seed_params p, generate_series(1, p.businesses) AS b;

INSERT INTO api_keys (id, business_id, user_id, name, key_prefix, key_hash, scopes, is_active,
                      last_used_at, expires_at, created_at)
SELECT md5('apikey:' || b || ':' || k)::uuid,
       md5('business:' || b)::uuid,
       md5('user:' || b)::uuid,
       (ARRAY['production','staging','ci','legacy','partner'])[k] || ' key',
       'lh_' || substr(md5('apikey-prefix:' || b || ':' || k), 1, 8),
       encode(sha256(convert_to('apikey-secret:' || b || ':' || k, 'UTF8')), 'hex'),
       ARRAY['verifications:read','verifications:write'],
       k <= 3,
       now() - random() * interval '10 days',
       now() + interval '365 days',
       now() - interval '150 days'
FROM seed_params p, generate_series(1, p.businesses) AS b, generate_series(1, 5) AS k;

INSERT INTO webhooks (id, business_id, url, events, secret_hash, is_active, failure_count, created_at)
SELECT md5('webhook:' || b || ':' || k)::uuid,
       md5('business:' || b)::uuid,
       'https://business' || b || '.example.test/hooks/' || k,
       ARRAY['verification.completed','pin.verified'],
       md5('webhook-secret:' || b || ':' || k),
       k = 1 OR b % 3 <> 0,
       (b * k) % 4,
       now() - interval '120 days'
FROM seed_params p, generate_series(1, p.businesses) AS b, generate_series(1, 2) AS k;

INSERT INTO api_usage_logs (business_id, api_key_id, endpoint, method, status_code, response_time_ms, created_at)
SELECT md5('business:' || (1 + i % p.businesses))::uuid,
       md5('apikey:' || (1 + i % p.businesses) || ':' || (1 + i % 3))::uuid,
       (ARRAY['/v1/verifications','/v1/pins','/v1/profiles','/v1/webhooks/test'])[1 + i % 4],
       CASE WHEN i % 4 = 1 THEN 'POST' ELSE 'GET' END,
       (ARRAY[200,200,200,200,200,200,201,400,404,500])[1 + floor(random() * 10)::int],
       5 + floor(random() * random() * 400)::int,
       p.usage_from + random() * (now() - p.usage_from)
FROM seed_params p, generate_series(1, p.users * 100) AS i;

INSERT INTO pin_verifications (id, business_id, user_id, status, created_at, verified_at)
SELECT md5('pin:' || v.i)::uuid,
       md5('business:' || (1 + v.i % v.businesses))::uuid,
       md5('user:' || (1 + (v.i::bigint * 7919) % v.users))::uuid,
       v.status,
       v.created_at,
       CASE WHEN v.status = 'success' THEN v.created_at + interval '2 minutes' END
FROM (SELECT i, p.users, p.businesses,
             (ARRAY['success','success','success','failed','expired'])[1 + floor(random() * 5)::int] AS status,
             now() - random() * interval '180 days' AS created_at
      FROM seed_params p, generate_series(1, p.users * 20) AS i) v;

DROP TABLE seed_params;
RESET session_replication_role;
