# Shared helpers for the files/monitor/logs/components_store server tests:
# sourced after reference/server/tests/server_harness.sh.
source "$(dirname "${BASH_SOURCE[0]}")/../../../server/tests/http_checks.sh"

v1="$base/api/v1"
v2="$base/api/v2"
jsonh=(-H 'content-type: application/json')

# su_login: sets $su (curl auth args) and $su_id via auto-login.
su_login() {
  check auto_login 200 '"access_token"' "$v1/auto_login" || exit 1
  su=(-H "Authorization: Bearer $(json 'd["access_token"]')")
  call "${su[@]}" "$v1/users/whoami"
  su_id="$(json 'd["id"]')"
}
# make_user NAME: signs up, activates (as superuser) and logs in NAME; sets
# ${NAME}_auth (array) and ${NAME}_id.
make_user() {
  local name="$1" pass="$1-pass-1" id
  check "signup_$name" 201 '"id"' -X POST "${jsonh[@]}" \
    --data "{\"username\":\"$name\",\"password\":\"$pass\"}" "$v1/users/" || exit 1
  id="$(json 'd["id"]')"
  check "activate_$name" 200 '"is_active":true' -X PATCH "${jsonh[@]}" "${su[@]}" \
    --data '{"is_active":true}' "$v1/users/$id" || exit 1
  check "login_$name" 200 '"access_token"' -X POST --data "username=$name&password=$pass" \
    "$v1/login" || exit 1
  eval "${name}_auth=(-H \"Authorization: Bearer $(json 'd["access_token"]')\")"
  eval "${name}_id=$id"
}
# insert_flow USER_ID: writes a flow row straight into the database (the flows
# routes belong to another module) and prints its id.
insert_flow() {
  python3 - "$dir/langflow.db" "$1" <<'PY'
import sqlite3, sys, time, uuid
db, user = sys.argv[1], sys.argv[2]
fid = str(uuid.uuid4())
con = sqlite3.connect(db, timeout=10)
con.execute("INSERT INTO flows (id, name, data, updated_at, user_id) VALUES (?, ?, ?, ?, ?)",
            (fid, "flow-" + fid[:8], '{"nodes":[],"edges":[]}', int(time.time() * 1e6), user))
con.commit()
print(fid)
PY
}
