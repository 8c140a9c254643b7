#!/usr/bin/env bash
# End-to-end auth checks against the real lfkit-server (default AUTO_LOGIN=true):
# auto-login and password login, JWT/API-key failures, API key lifecycle,
# variables with Credential masking, cross-user isolation, superuser-only
# routes, and persistence across a restart with the same config dir.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/server_harness.sh"
source "$(dirname "${BASH_SOURCE[0]}")/http_checks.sh"

start_server
v1="$base/api/v1"
jsonh=(-H 'content-type: application/json')

# --- superuser via auto-login ---
check auto_login 200 '"token_type":"bearer"' "$v1/auto_login"
su_token="$(json 'd["access_token"]')"
verify auto_login_cookie has_header 'set-cookie: access_token_lf='
su=(-H "Authorization: Bearer $su_token")
check whoami 200 '"username":"langflow"' "${su[@]}" "$v1/users/whoami"
verify whoami_superuser json_ok 'd["is_superuser"] is True and d["is_active"] is True'
su_id="$(json 'd["id"]')"
check whoami_cookie 200 '"username":"langflow"' -b "access_token_lf=$su_token" "$v1/users/whoami"
check password_login 200 '"refresh_token":"' -X POST --data 'username=langflow&password=langflow' "$v1/login"
verify login_refresh_cookie has_header 'set-cookie: refresh_token_lf='
check wrong_password 401 'Incorrect username or password' -X POST \
  --data 'username=langflow&password=nope' "$v1/login"

# --- credential failures ---
check no_credentials 403 'requires a valid API key' "$v1/variables/"
check bad_jwt 401 '"detail":"Could not validate credentials"' -H 'Authorization: Bearer x.y.z' \
  "$v1/variables/"
verify bad_jwt_challenge has_header 'www-authenticate: Bearer'
check bad_jwt_beats_good_cookie 401 'Could not validate credentials' \
  -H 'Authorization: Bearer nope' -b "access_token_lf=$su_token" "$v1/users/whoami"
check bad_api_key 403 '"detail":"Invalid or missing API key"' -H 'x-api-key: sk-bogus' \
  "$v1/variables/"
check auth_before_validation 403 'requires a valid API key' -X PATCH "${jsonh[@]}" --data '{}' \
  "$v1/variables/not-a-uuid"

# --- API keys ---
check api_key_create 200 '"api_key":"sk-' -X POST "${jsonh[@]}" "${su[@]}" \
  --data '{"name":"ci"}' "$v1/api_key/"
su_key="$(json 'd["api_key"]')"
su_key_id="$(json 'd["id"]')"
verify api_key_full_length json_ok 'len(d["api_key"]) == 46 and d["total_uses"] == 0'
check api_key_list 200 '"total_count":1' "${su[@]}" "$v1/api_key/"
verify api_key_list_masked json_ok \
  "d['api_keys'][0]['api_key'] == '$su_key'[:8] + '*' * 38"
check api_key_header 200 '"username":"langflow"' -H "x-api-key: $su_key" "$v1/users/whoami"
check api_key_query 200 '"username":"langflow"' "$v1/users/whoami?x-api-key=$su_key"
check api_key_usage_counted 200 '"total_uses":2' "${su[@]}" "$v1/api_key/"

# --- variables ---
check var_generic_create 201 '"value":"plain-value"' -X POST "${jsonh[@]}" "${su[@]}" \
  --data '{"name":"GEN","value":"plain-value","type":"Generic"}' "$v1/variables/"
gen_id="$(json 'd["id"]')"
check var_credential_create 201 '"type":"Credential"' -X POST "${jsonh[@]}" "${su[@]}" \
  --data '{"name":"SECRET","value":"top-secret"}' "$v1/variables/"
cred_id="$(json 'd["id"]')"
verify var_credential_masked json_ok '"top-secret" not in json.dumps(d)'
check var_duplicate 400 'Variable name already exists' -X POST "${jsonh[@]}" "${su[@]}" \
  --data '{"name":"GEN","value":"x","type":"Generic"}' "$v1/variables/"
check var_empty_value 400 'Variable value cannot be empty' -X POST "${jsonh[@]}" "${su[@]}" \
  --data '{"name":"E","value":""}' "$v1/variables/"
check var_list 200 '"name":"SECRET"' "${su[@]}" "$v1/variables/"
verify var_list_no_cleartext json_ok '"top-secret" not in json.dumps(d) and len(d) == 2'
check var_patch 200 '"value":"new-value"' -X PATCH "${jsonh[@]}" "${su[@]}" \
  --data "{\"id\":\"$gen_id\",\"value\":\"new-value\"}" "$v1/variables/$gen_id"
check var_patch_missing 404 'Variable not found' -X PATCH "${jsonh[@]}" "${su[@]}" \
  --data '{"id":"00000000-0000-4000-8000-000000000000","value":"v"}' \
  "$v1/variables/00000000-0000-4000-8000-000000000000"

# --- a second, ordinary user ---
check signup 201 '"is_active":false' -X POST "${jsonh[@]}" \
  --data '{"username":"bob","password":"bob-pass-1"}' "$v1/users/"
bob_id="$(json 'd["id"]')"
check signup_duplicate 400 'This username is unavailable.' -X POST "${jsonh[@]}" \
  --data '{"username":"bob","password":"x"}' "$v1/users/"
check login_waiting_approval 400 'Waiting for approval' -X POST \
  --data 'username=bob&password=bob-pass-1' "$v1/login"
check activate_bob 200 '"is_active":true' -X PATCH "${jsonh[@]}" "${su[@]}" \
  --data '{"is_active":true}' "$v1/users/$bob_id"
check bob_login 200 '"access_token"' -c "$dir/bob.cookies" -X POST \
  --data 'username=bob&password=bob-pass-1' "$v1/login"
bob=(-H "Authorization: Bearer $(json 'd["access_token"]')")
check bob_whoami 200 '"username":"bob"' "${bob[@]}" "$v1/users/whoami"
check bob_list_users_forbidden 403 "The user doesn't have enough privileges" "${bob[@]}" \
  "$v1/users/"
check su_list_users 200 '"total_count":2' "${su[@]}" "$v1/users/"
check bob_vars_empty 200 '[]' "${bob[@]}" "$v1/variables/"
check bob_patch_foreign_var 404 'Variable not found' -X PATCH "${jsonh[@]}" "${bob[@]}" \
  --data "{\"id\":\"$gen_id\",\"value\":\"stolen\"}" "$v1/variables/$gen_id"
check bob_delete_foreign_var 404 'Variable not found' -X DELETE "${bob[@]}" \
  "$v1/variables/$cred_id"
check bob_keys_empty 200 '"total_count":0' "${bob[@]}" "$v1/api_key/"
# An API key of a deactivated user: get_current_active_user answers 401 "Inactive user".
check bob_key_create 200 '"api_key":"sk-' -X POST "${jsonh[@]}" "${bob[@]}" \
  --data '{"name":"bob-key"}' "$v1/api_key/"
bob_key="$(json 'd["api_key"]')"
bob_key_id="$(json 'd["id"]')"
check bob_key_works 200 '"username":"bob"' -H "x-api-key: $bob_key" "$v1/users/whoami"
check deactivate_bob 200 '"is_active":false' -X PATCH "${jsonh[@]}" "${su[@]}" \
  --data '{"is_active":false}' "$v1/users/$bob_id"
check inactive_bob_key 401 '"detail":"Inactive user"' -H "x-api-key: $bob_key" "$v1/users/whoami"
# Bob's token was accepted (and cached) before: deactivation must refuse it at once.
check inactive_bob_token 401 'User not found or is inactive.' "${bob[@]}" "$v1/users/whoami"
check reactivate_bob 200 '"is_active":true' -X PATCH "${jsonh[@]}" "${su[@]}" \
  --data '{"is_active":true}' "$v1/users/$bob_id"
check bob_key_delete 200 'API Key deleted' -X DELETE "${bob[@]}" "$v1/api_key/$bob_key_id"
check bob_delete_foreign_key 400 'API Key not found' -X DELETE "${bob[@]}" \
  "$v1/api_key/$su_key_id"
check bob_patch_other_user 403 'Permission denied' -X PATCH "${jsonh[@]}" "${bob[@]}" \
  --data '{"username":"mallory"}' "$v1/users/$su_id"
check bob_self_promote 403 'Permission denied' -X PATCH "${jsonh[@]}" "${bob[@]}" \
  --data '{"is_superuser":true}' "$v1/users/$bob_id"
check bob_password_via_patch 400 "You can't change your password here" -X PATCH "${jsonh[@]}" \
  "${bob[@]}" --data '{"password":"x"}' "$v1/users/$bob_id"
check bob_reset_password 200 '"username":"bob"' -X PATCH "${jsonh[@]}" "${bob[@]}" \
  --data '{"password":"bob-pass-2"}' "$v1/users/$bob_id/reset-password"
check bob_refresh 200 '"refresh_token":"' -b "$dir/bob.cookies" -X POST "$v1/refresh"
check refresh_without_cookie 401 'Invalid refresh token' -X POST "$v1/refresh"
check logout 200 '"message":"Logout successful"' -X POST "$v1/logout"
check su_cannot_delete_self 400 "You can't delete your own user account" -X DELETE "${su[@]}" \
  "$v1/users/$su_id"

# --- one server per database: a second one on the same config dir refuses to start ---
second_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
if timeout 10 "$server" --host 127.0.0.1 --port "$second_port" --config-dir "$dir" \
    >"$dir/second.out" 2>&1; then
  echo "FAIL second_server_refused: it started (or exited 0)"; failures=$((failures + 1))
elif grep -q 'already in use by another lfkit-server' "$dir/second.out"; then
  echo "ok   second_server_refused"
else
  echo "FAIL second_server_refused: unexpected output"; cat "$dir/second.out"; failures=$((failures + 1))
fi

# --- persistence across a restart ---
stop_server
start_server
check restart_token_still_valid 200 '"username":"langflow"' "${su[@]}" "$v1/users/whoami"
check restart_api_key_still_valid 200 '"username":"langflow"' -H "x-api-key: $su_key" \
  "$v1/users/whoami"
check restart_variables_kept 200 '"value":"new-value"' "${su[@]}" "$v1/variables/"
check restart_new_password 200 '"access_token"' -X POST \
  --data 'username=bob&password=bob-pass-2' "$v1/login"

# --- deletions ---
check var_delete 204 '' -X DELETE "${su[@]}" "$v1/variables/$cred_id"
check var_deleted 200 '' "${su[@]}" "$v1/variables/"
verify var_deleted_gone json_ok 'len(d) == 1'
check api_key_delete 200 '"detail":"API Key deleted"' -X DELETE "${su[@]}" "$v1/api_key/$su_key_id"
check api_key_revoked 403 'Invalid or missing API key' -H "x-api-key: $su_key" "$v1/users/whoami"
check user_delete 200 '"detail":"User deleted"' -X DELETE "${su[@]}" "$v1/users/$bob_id"
check user_deleted_login 401 'Incorrect username or password' -X POST \
  --data 'username=bob&password=bob-pass-2' "$v1/login"

echo "$failures failure(s)"
exit $((failures > 0))
