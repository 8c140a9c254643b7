#!/usr/bin/env bash
# End-to-end checks of Flows, Flow Events, Projects and the Folders redirects
# against the real lfkit-server (AUTO_LOGIN=true): every mounted operation's
# success path, 401/403/404/422 answers, two users kept apart, and persistence
# across a restart. Usage: flows_smoke.sh LFKIT_SERVER
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../server/tests/server_harness.sh"

# call CURL_ARGS...: sets $code, $body and $headers (bodies are transparently gunzipped).
call() {
  local out
  last_args=("$@")
  out="$(curl -s --compressed -D "$dir/headers" -w '\n%{http_code}' "$@")"
  code="${out##*$'\n'}"
  body="${out%$'\n'*}"
  headers="$(cat "$dir/headers")"
}
fail() {
  echo "FAIL $1"
  printf '  reproduce: curl -s --compressed'; printf " '%s'" "${last_args[@]}"; echo
  failures=$((failures + 1))
}
# check NAME STATUS BODY_SUBSTRING CURL_ARGS...
check() {
  local name="$1" status="$2" needle="$3"
  shift 3
  call "$@"
  if [[ "$code" != "$status" || "$body" != *"$needle"* ]]; then
    fail "$name: expected $status containing '$needle', got $code: ${body:0:400}"
    return 1
  fi
  echo "ok   $name"
}
# verify NAME PYTHON_CONDITION: a follow-up assertion on the last JSON body (as d).
verify() {
  if python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if eval(sys.argv[2]) else 1)" \
    "$body" "$2" 2>/dev/null; then echo "ok   $1"; else
    fail "$1: '$2' is false for $code: ${body:0:400}"
  fi
}
json() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))" "$body" "$1"; }
header_check() {
  if grep -qi "$2" <<<"$headers"; then echo "ok   $1"; else fail "$1: no '$2' in headers: $headers"; fi
}

start_server
v1="$base/api/v1"
jh=(-H 'content-type: application/json')
ZERO=00000000-0000-4000-8000-000000000000

# --- two users ---
check auto_login 200 '"access_token"' "$v1/auto_login"
su=(-H "Authorization: Bearer $(json 'd["access_token"]')")
check signup_bob 201 '"username":"bob"' -X POST "${jh[@]}" \
  --data '{"username":"bob","password":"bob-pass-1"}' "$v1/users/"
bob_id="$(json 'd["id"]')"
check activate_bob 200 '"is_active":true' -X PATCH "${jh[@]}" "${su[@]}" \
  --data '{"is_active":true}' "$v1/users/$bob_id"
check bob_login 200 '"access_token"' -X POST --data 'username=bob&password=bob-pass-1' "$v1/login"
bob=(-H "Authorization: Bearer $(json 'd["access_token"]')")

# --- auth failures ---
check flows_no_credentials 403 'detail' "$v1/flows/"
check flows_bad_jwt 401 'Could not validate credentials' -H 'Authorization: Bearer x.y.z' "$v1/flows/"
check projects_no_credentials 403 'detail' "$v1/projects/"
check events_no_credentials 403 'detail' "$v1/flows/$ZERO/events"

# --- projects: default first, examples folder hidden ---
check projects_list 200 '"name":"Starter Project"' "${su[@]}" "$v1/projects/"
verify projects_default_first 'd[0]["name"] == "Starter Project" and all(p["name"] != "Starter Projects" for p in d)'
su_default="$(json 'd[0]["id"]')"

# --- create ---
flow_body='{"name":"Alpha","description":"first","data":{"nodes":[],"edges":[]},"endpoint_name":"alpha"}'
check create_flow 201 '"name":"Alpha"' -X POST "${jh[@]}" "${su[@]}" --data "$flow_body" "$v1/flows/"
verify create_defaults "d['folder_id'] == '$su_default' and d['access_type'] == 'PRIVATE' and d['tags'] == [] and d['endpoint_name'] == 'alpha' and d['updated_at'].endswith('+00:00')"
alpha="$(json 'd["id"]')"
check create_duplicate_renamed 201 '"name":"Alpha (1)"' -X POST "${jh[@]}" "${su[@]}" \
  --data "$flow_body" "$v1/flows/"
verify create_duplicate_endpoint 'd["endpoint_name"] == "alpha-1"'
alpha1="$(json 'd["id"]')"
check create_bad_endpoint 422 'Endpoint name must contain only letters, numbers, hyphens, and underscores' \
  -X POST "${jh[@]}" "${su[@]}" --data '{"name":"x","endpoint_name":"no spaces"}' "$v1/flows/"
check create_bad_colour 422 'Icon background color must start with #' -X POST "${jh[@]}" "${su[@]}" \
  --data '{"name":"x","icon_bg_color":"123456"}' "$v1/flows/"
check create_no_nodes 422 'Flow must have nodes' -X POST "${jh[@]}" "${su[@]}" \
  --data '{"name":"x","data":{"edges":[]}}' "$v1/flows/"
check create_missing_name 422 '"type":"missing"' -X POST "${jh[@]}" "${su[@]}" --data '{}' "$v1/flows/"
check create_fs_path_traversal 400 'directory traversal' -X POST "${jh[@]}" "${su[@]}" \
  --data '{"name":"x","fs_path":"../evil.json"}' "$v1/flows/"
check whoami 200 '"username":"langflow"' "${su[@]}" "$v1/users/whoami"
su_id="$(json 'd["id"]')"
check create_fs_path 201 '"name":"On Disk"' -X POST "${jh[@]}" "${su[@]}" \
  --data '{"name":"On Disk","fs_path":"sub/on_disk.json"}' "$v1/flows/"
if python3 -c "import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))['name'] == 'On Disk' else 1)" \
  "$dir/flows/$su_id/sub/on_disk.json" 2>/dev/null; then echo "ok   create_fs_path_file"; else
  fail "create_fs_path_file: $dir/flows/$su_id/sub/on_disk.json missing"; fi
on_disk="$(json 'd["id"]')"
check create_fs_path_absolute 400 'Absolute path must be within your flows directory' -X POST "${jh[@]}" \
  "${su[@]}" --data '{"name":"x","fs_path":"/etc/evil.json"}' "$v1/flows/"
check create_component 201 '"is_component":true' -X POST "${jh[@]}" "${su[@]}" \
  --data '{"name":"Comp","is_component":true,"data":{"nodes":[],"edges":[]}}' "$v1/flows/"
comp="$(json 'd["id"]')"

# --- read ---
check read_flow 200 "\"id\":\"$alpha\"" "${su[@]}" "$v1/flows/$alpha"
check read_flow_bad_uuid 422 'uuid_parsing' "${su[@]}" "$v1/flows/not-a-uuid"
check read_flow_missing 404 '"detail":"Flow not found"' "${su[@]}" "$v1/flows/$ZERO"
check list_all 200 '"Alpha (1)"' "${su[@]}" "$v1/flows/"
header_check list_all_gzip 'content-encoding: gzip'
verify list_all_has_examples 'any(f["name"] == "Basic Echo Chat" for f in d)'
check list_no_examples 200 '"Alpha"' "${su[@]}" "$v1/flows/?remove_example_flows=true"
verify list_no_examples_filtered 'all(f["name"] != "Basic Echo Chat" for f in d) and len(d) == 4'
check list_headers 200 '"Alpha"' "${su[@]}" "$v1/flows/?header_flows=true&remove_example_flows=true"
verify list_headers_shape 'all("updated_at" not in f for f in d) and [f["data"] is None for f in d if not f["is_component"]] == [True, True, True]'
check list_components 200 '"Comp"' "${su[@]}" "$v1/flows/?components_only=true&remove_example_flows=true"
verify list_components_only 'len(d) == 1 and d[0]["is_component"]'
check list_page 200 '"items"' "${su[@]}" "$v1/flows/?get_all=false&page=1&size=2"
verify list_page_shape 'd["total"] == 4 and d["page"] == 1 and d["size"] == 2 and d["pages"] == 2 and len(d["items"]) == 2'
check list_page_2 200 '"items"' "${su[@]}" "$v1/flows/?get_all=false&page=2&size=2&folder_id=$su_default"
verify list_page_2_rest 'len(d["items"]) == 2'
check list_page_bad_size 422 'size' "${su[@]}" "$v1/flows/?get_all=false&size=0"

# --- patch / put ---
check patch_rename 200 '"name":"Alpha Renamed"' -X PATCH "${jh[@]}" "${su[@]}" \
  --data '{"name":"Alpha Renamed","endpoint_name":""}' "$v1/flows/$alpha"
verify patch_clears_endpoint 'd["endpoint_name"] is None and d["description"] == "first"'
# get_all responses are cached per user and flags: a change must show at once.
check list_after_rename 200 '"Alpha Renamed"' "${su[@]}" "$v1/flows/?remove_example_flows=true"
verify list_after_rename_fresh 'all(f["name"] != "Alpha" for f in d)'
check patch_name_clash 400 'Name must be unique' -X PATCH "${jh[@]}" "${su[@]}" \
  --data '{"name":"Alpha (1)"}' "$v1/flows/$alpha"
check patch_webhook_recomputed 200 '"webhook":true' -X PATCH "${jh[@]}" "${su[@]}" \
  --data '{"data":{"nodes":[{"id":"Webhook-1","data":{"type":"Webhook"}}],"edges":[]}}' "$v1/flows/$alpha"
check patch_missing 404 'Flow not found' -X PATCH "${jh[@]}" "${su[@]}" --data '{"name":"z"}' \
  "$v1/flows/$ZERO"
check put_update 200 '"description":"replaced"' -X PUT "${jh[@]}" "${su[@]}" \
  --data '{"name":"Alpha Renamed","description":"replaced"}' "$v1/flows/$alpha"
check put_name_clash 409 'Name must be unique' -X PUT "${jh[@]}" "${su[@]}" \
  --data '{"name":"Alpha (1)"}' "$v1/flows/$alpha"
put_id=11111111-2222-4333-8444-555555555555
check put_create 201 "\"id\":\"$put_id\"" -X PUT "${jh[@]}" "${su[@]}" \
  --data '{"name":"Put Made"}' "$v1/flows/$put_id"
check put_bad_folder 400 'Folder not found' -X PUT "${jh[@]}" "${su[@]}" \
  --data "{\"name\":\"Nope\",\"folder_id\":\"$ZERO\"}" "$v1/flows/22222222-2222-4333-8444-555555555555"
check put_endpoint_clash 409 'Endpoint name must be unique' -X PUT "${jh[@]}" "${su[@]}" \
  --data '{"name":"Nope","endpoint_name":"alpha-1"}' "$v1/flows/33333333-2222-4333-8444-555555555555"

# --- batch ---
check batch 201 '"Batch B"' -X POST "${jh[@]}" "${su[@]}" \
  --data '{"flows":[{"name":"Batch A"},{"name":"Batch B"}]}' "$v1/flows/batch/"
verify batch_two 'len(d) == 2 and d[0]["folder_id"] == "'"$su_default"'"'
batch_a="$(json 'd[0]["id"]')"
batch_b="$(json 'd[1]["id"]')"
check batch_existing_id 422 'already exist' -X POST "${jh[@]}" "${su[@]}" \
  --data "{\"flows\":[{\"name\":\"C\",\"id\":\"$alpha\"}]}" "$v1/flows/batch/"
check batch_name_clash 409 'Name must be unique' -X POST "${jh[@]}" "${su[@]}" \
  --data '{"flows":[{"name":"Fresh"},{"name":"Batch A"}]}' "$v1/flows/batch/"
check batch_all_or_nothing 200 '[' "${su[@]}" "$v1/flows/?remove_example_flows=true"
verify batch_rolled_back 'all(f["name"] != "Fresh" for f in d)'

# --- upload ---
printf '{"name":"Uploaded","data":{"nodes":[],"edges":[]}}' >"$dir/one.json"
check upload_single 201 '"name":"Uploaded"' "${su[@]}" -F "file=@$dir/one.json" "$v1/flows/upload/"
printf '{"flows":[{"name":"Up A"},{"name":"Uploaded"}]}' >"$dir/many.json"
check upload_many 201 '"Up A"' "${su[@]}" -F "file=@$dir/many.json" "$v1/flows/upload/"
verify upload_many_renamed 'len(d) == 2 and d[1]["name"] == "Uploaded (1)"'
: >"$dir/empty.json"
check upload_empty 400 'The uploaded file is empty' "${su[@]}" -F "file=@$dir/empty.json" "$v1/flows/upload/"
printf '{oops' >"$dir/bad.json"
check upload_bad_json 400 'Invalid JSON file' "${su[@]}" -F "file=@$dir/bad.json" "$v1/flows/upload/"
printf '[1,2]' >"$dir/list.json"
check upload_not_object 422 'expected an object' "${su[@]}" -F "file=@$dir/list.json" "$v1/flows/upload/"
check upload_no_file 400 'No file provided' "${su[@]}" -F "other=x" "$v1/flows/upload/"

# --- download ---
check download_one 200 '"name":"Alpha (1)"' -X POST "${jh[@]}" "${su[@]}" --data "[\"$alpha1\"]" \
  "$v1/flows/download/"
curl -s "${su[@]}" "${jh[@]}" -X POST --data "[\"$alpha1\",\"$batch_a\"]" -D "$dir/zip_headers" \
  -o "$dir/two.zip" "$v1/flows/download/"
last_args=(-X POST "${jh[@]}" "${su[@]}" --data "[\"$alpha1\",\"$batch_a\"]" "$v1/flows/download/")
if grep -qi 'application/x-zip-compressed' "$dir/zip_headers" && grep -qi '_langflow_flows.zip' "$dir/zip_headers" &&
  python3 -c "import zipfile,sys; n=sorted(zipfile.ZipFile(sys.argv[1]).namelist()); sys.exit(0 if n==['Alpha (1).json','Batch A.json'] else 1)" "$dir/two.zip"; then
  echo "ok   download_zip"
else fail "download_zip: $(cat "$dir/zip_headers")"; fi
check download_none 404 'No flows found.' -X POST "${jh[@]}" "${su[@]}" --data "[\"$ZERO\"]" \
  "$v1/flows/download/"

# --- public and example flows ---
check public_private 404 'Flow not found' "$v1/flows/public_flow/$alpha1"
check make_public 200 '"access_type":"PUBLIC"' -X PATCH "${jh[@]}" "${su[@]}" \
  --data '{"access_type":"PUBLIC"}' "$v1/flows/$alpha1"
check public_flow 200 "\"id\":\"$alpha1\"" "$v1/flows/public_flow/$alpha1"
check public_missing 404 'Flow not found' "$v1/flows/public_flow/$ZERO"
check basic_examples 200 '"Basic Echo Chat"' "$v1/flows/basic_examples/"
verify basic_examples_shared 'len(d) == 2 and all(f["user_id"] is None for f in d)'
example_id="$(json 'd[0]["id"]')"
check starter_projects 200 '"Prompt Template"' "${su[@]}" "$v1/starter-projects/"
verify starter_projects_shape 'len(d) == 2 and all(set(x) == {"data","is_component","name","description","endpoint_name"} for x in d)'
check starter_projects_no_auth 403 'detail' "$v1/starter-projects/"
check note_translations 200 '{}' "${su[@]}" "$v1/flows/$alpha/note_translations"
check note_translations_missing 404 'Flow not found' "${su[@]}" "$v1/flows/$ZERO/note_translations"

# --- flow events ---
check event_create 201 '"type":"component_added"' -X POST "${jh[@]}" "${su[@]}" \
  --data '{"type":"component_added","summary":"Added Chat Input"}' "$v1/flows/$alpha/events"
verify event_timestamp 'd["timestamp"] > 1.7e9 and d["summary"] == "Added Chat Input"'
check event_list 200 '"settled":false' "${su[@]}" "$v1/flows/$alpha/events"
verify event_list_one 'len(d["events"]) == 1'
check event_list_since 200 '"events":[]' "${su[@]}" "$v1/flows/$alpha/events?since=99999999999"
check event_settle 201 '"flow_settled"' -X POST "${jh[@]}" "${su[@]}" --data '{"type":"flow_settled"}' \
  "$v1/flows/$alpha/events"
check event_settled 200 '"settled":true' "${su[@]}" "$v1/flows/$alpha/events"
check event_bad_type 422 '"enum"' -X POST "${jh[@]}" "${su[@]}" --data '{"type":"nope"}' \
  "$v1/flows/$alpha/events"
check event_missing_flow 404 'Flow not found' "${su[@]}" "$v1/flows/$ZERO/events"
check event_example_flow 200 '"settled":true' "${su[@]}" "$v1/flows/$example_id/events"

# --- isolation: bob sees none of the superuser's flows or projects ---
check bob_read_foreign 404 'Flow not found' "${bob[@]}" "$v1/flows/$alpha"
check bob_patch_foreign 404 'Flow not found' -X PATCH "${jh[@]}" "${bob[@]}" --data '{"name":"x"}' \
  "$v1/flows/$alpha"
check bob_put_foreign 404 'Flow not found' -X PUT "${jh[@]}" "${bob[@]}" --data '{"name":"x"}' \
  "$v1/flows/$alpha"
check bob_delete_foreign 404 'Flow not found' -X DELETE "${bob[@]}" "$v1/flows/$alpha"
check bob_delete_many_foreign 200 '"deleted":0' -X DELETE "${jh[@]}" "${bob[@]}" --data "[\"$alpha\"]" \
  "$v1/flows/"
check bob_download_foreign 404 'No flows found.' -X POST "${jh[@]}" "${bob[@]}" --data "[\"$alpha\"]" \
  "$v1/flows/download/"
check bob_events_foreign 404 'Flow not found' "${bob[@]}" "$v1/flows/$alpha/events"
check bob_list 200 '[' "${bob[@]}" "$v1/flows/?remove_example_flows=true"
verify bob_list_empty 'd == []'
check bob_same_name 201 '"name":"Alpha (1)"' -X POST "${jh[@]}" "${bob[@]}" \
  --data '{"name":"Alpha (1)"}' "$v1/flows/"
verify bob_own_default 'd["user_id"] == "'"$bob_id"'" and d["folder_id"] != "'"$su_default"'"'
check bob_folder_foreign 201 '"name":"Sneaky"' -X POST "${jh[@]}" "${bob[@]}" \
  --data "{\"name\":\"Sneaky\",\"folder_id\":\"$su_default\"}" "$v1/flows/"
verify bob_folder_fallback 'd["folder_id"] != "'"$su_default"'"'
check bob_project_foreign 404 'Project not found' "${bob[@]}" "$v1/projects/$su_default"
check bob_projects 200 '"Starter Project"' "${bob[@]}" "$v1/projects/"
verify bob_projects_own 'len(d) == 1 and d[0]["id"] != "'"$su_default"'"'

# --- projects ---
check project_create 201 '"name":"Work"' -X POST "${jh[@]}" "${su[@]}" \
  --data "{\"name\":\"Work\",\"description\":\"d\",\"flows_list\":[\"$batch_a\"],\"components_list\":[\"$comp\"]}" \
  "$v1/projects/"
work="$(json 'd["id"]')"
verify project_shape 'd["parent_id"] is None and d["description"] == "d" and "auth_settings" in d'
check project_duplicate 201 '"name":"Work (1)"' -X POST "${jh[@]}" "${su[@]}" --data '{"name":"Work"}' \
  "$v1/projects/"
work1="$(json 'd["id"]')"
check project_missing_name 422 '"missing"' -X POST "${jh[@]}" "${su[@]}" --data '{}' "$v1/projects/"
check project_read 200 '"flows"' "${su[@]}" "$v1/projects/$work"
verify project_read_moved 'sorted(f["name"] for f in d["flows"]) == ["Batch A", "Comp"]'
check project_read_page 200 '"folder"' "${su[@]}" "$v1/projects/$work?page=1&size=1&is_flow=true"
verify project_read_page_shape 'd["folder"]["id"] == "'"$work"'" and d["flows"]["total"] == 1 and d["flows"]["items"][0]["name"] == "Batch A" and d["flows"]["pages"] == 1'
check project_read_search 200 '"total":1' "${su[@]}" "$v1/projects/$work?page=1&size=5&search=comp"
check project_read_bad_page 422 'greater_than_equal' "${su[@]}" "$v1/projects/$work?page=0&size=5"
check project_read_missing 404 'Project not found' "${su[@]}" "$v1/projects/$ZERO"
check project_read_bad_uuid 422 'uuid_parsing' "${su[@]}" "$v1/projects/nope"
check project_update 200 '"name":"Work Renamed"' -X PATCH "${jh[@]}" "${su[@]}" \
  --data '{"name":"Work Renamed","description":"new"}' "$v1/projects/$work"
check project_update_clash 400 'Project name must be unique' -X PATCH "${jh[@]}" "${su[@]}" \
  --data '{"name":"Work (1)"}' "$v1/projects/$work"
check project_update_missing 404 'Project not found' -X PATCH "${jh[@]}" "${su[@]}" --data '{"name":"x"}' \
  "$v1/projects/$ZERO"
check bob_project_update_foreign 404 'Project not found' -X PATCH "${jh[@]}" "${bob[@]}" \
  --data '{"name":"x"}' "$v1/projects/$work"
curl -s "${su[@]}" -D "$dir/pzip_headers" -o "$dir/Work.zip" "$v1/projects/download/$work"
last_args=("${su[@]}" "$v1/projects/download/$work")
if grep -qi "filename\*=UTF-8''.*_Work%20Renamed_flows.zip" "$dir/pzip_headers" &&
  python3 -c "import zipfile,sys; n=sorted(zipfile.ZipFile(sys.argv[1]).namelist()); sys.exit(0 if n==['Batch A.json','Comp.json'] else 1)" "$dir/Work.zip"; then
  echo "ok   project_download"
else fail "project_download: $(cat "$dir/pzip_headers")"; fi
check project_download_empty 404 'No flows found in project' "${su[@]}" "$v1/projects/download/$work1"
check bob_project_download_foreign 404 'Project not found' "${bob[@]}" "$v1/projects/download/$work"
# The export keeps flow ids, so re-importing it while the flows exist is refused as upstream does.
check project_upload_zip_existing 422 'already exist' "${su[@]}" -F "file=@$dir/Work.zip" "$v1/projects/upload/"
python3 - "$dir/Work.zip" "$dir/Team.zip" <<'PY'
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w") as out:
    for name in src.namelist():
        flow = json.loads(src.read(name))
        flow.pop("id", None)
        out.writestr(name, json.dumps(flow))
PY
check project_upload_zip 201 '"Batch A (1)"' "${su[@]}" -F "file=@$dir/Team.zip" "$v1/projects/upload/"
verify project_upload_zip_shape 'len(d) == 2 and len({f["folder_id"] for f in d}) == 1 and d[0]["folder_id"] != "'"$work"'"'
check project_upload_zip_named 200 '"name":"Team"' "${su[@]}" "$v1/projects/"
printf '{"folder_name":"Imported","folder_description":"from file","flows":[{"name":"I1"},{"name":"I1"}]}' >"$dir/project.json"
check project_upload_json 201 '"I1 (1)"' "${su[@]}" -F "file=@$dir/project.json" "$v1/projects/upload/"
imported_folder="$(json 'd[0]["folder_id"]')"
check project_upload_listed 200 '"Imported"' "${su[@]}" "$v1/projects/"
printf '{"flows":[]}' >"$dir/noname.json"
check project_upload_missing_field 400 'Missing required field(s): folder_name' "${su[@]}" \
  -F "file=@$dir/noname.json" "$v1/projects/upload/"
check project_upload_empty 400 'The uploaded file is empty' "${su[@]}" -F "file=@$dir/empty.json" \
  "$v1/projects/upload/"
check project_delete 204 '' -X DELETE "${su[@]}" "$v1/projects/$imported_folder"
check project_deleted 404 'Project not found' "${su[@]}" "$v1/projects/$imported_folder"
check project_delete_cascade 200 '[' "${su[@]}" "$v1/flows/?remove_example_flows=true"
verify project_delete_flows_gone 'all(f["name"] not in ("I1", "I1 (1)") for f in d)'
check bob_project_delete_foreign 404 'Project not found' -X DELETE "${bob[@]}" "$v1/projects/$work"

# --- legacy folders: 307 before any authentication ---
check folders_list_redirect 307 '' "$v1/folders/"
header_check folders_list_location 'location: /api/v1/projects/'
check folders_read_redirect 307 '' "$v1/folders/$work?is_component=true&page=2&size=5&search=a%20b"
header_check folders_read_location "location: /api/v1/projects/$work?is_component=True&search=a%20b&page=2&size=5"
check folders_download_redirect 307 '' "$v1/folders/download/$work"
header_check folders_download_location "location: /api/v1/projects/download/$work"
check folders_patch_redirect 307 '' -X PATCH "${jh[@]}" --data '{}' "$v1/folders/$work"
check folders_delete_redirect 307 '' -X DELETE "$v1/folders/$work"
header_check folders_delete_location "location: /api/v1/projects/$work"
check folders_upload_redirect 307 '' -X POST -F "file=@$dir/project.json" "$v1/folders/upload/"
header_check folders_upload_location 'location: /api/v1/projects/upload/'
check folders_create_redirect 307 '' -X POST "${jh[@]}" --data '{"name":"F"}' "$v1/folders/"
check folders_followed 200 '"Work Renamed"' -L "${su[@]}" "$v1/folders/"

# --- deletes ---
check delete_flow 200 '"message":"Flow deleted successfully"' -X DELETE "${su[@]}" "$v1/flows/$alpha"
check delete_flow_again 404 'Flow not found' -X DELETE "${su[@]}" "$v1/flows/$alpha"
call "${su[@]}" "$v1/flows/?remove_example_flows=true"
verify list_after_delete_fresh "all(f['id'] != '$alpha' for f in d)"
check delete_many 200 '"deleted":2' -X DELETE "${jh[@]}" "${su[@]}" \
  --data "[\"$batch_b\",\"$put_id\",\"$ZERO\"]" "$v1/flows/"

# --- restart: data persists, examples are not seeded twice ---
stop_server
start_server
check restart_flow_kept 200 '"name":"Alpha (1)"' "${su[@]}" "$v1/flows/$alpha1"
check restart_project_kept 200 '"Work Renamed"' "${su[@]}" "$v1/projects/$work"
check restart_examples 200 '"Basic Echo Chat"' "$v1/flows/basic_examples/"
verify restart_examples_once 'len(d) == 2'

echo "flows_smoke: $failures failure(s)"
exit $((failures > 0))
