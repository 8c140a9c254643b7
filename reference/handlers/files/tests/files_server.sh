#!/usr/bin/env bash
# Files end to end against the real lfkit-server: v1 per-flow files, v2 per-user
# files, profile pictures; ownership (401/403/404), validation (422), name
# traversal attempts, the upload limit (413) and persistence across a restart.
set -uo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/../../../server/tests/server_harness.sh"
source "$here/test_lib.sh"

export LANGFLOW_MAX_FILE_SIZE_UPLOAD=1
start_server
su_login
make_user bob
flow_su="$(insert_flow "$su_id")"
flow_bob="$(insert_flow "$bob_id")"
missing=00000000-0000-4000-8000-000000000000
printf 'hello files' >"$dir/hello.txt"
python3 -c "import sys; sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n' + bytes(range(256)))" >"$dir/pic.png"

# raw_upload URL AUTH FILENAME: multipart upload with a filename curl cannot send (NUL etc.).
raw_upload() {
  python3 - "$@" <<'PY'
import http.client, sys, urllib.parse
url, auth, name = sys.argv[1], sys.argv[2], sys.argv[3].encode().decode('unicode_escape').encode('latin-1')
u = urllib.parse.urlsplit(url)
body = (b'--B\r\nContent-Disposition: form-data; name="file"; filename="' + name +
        b'"\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--\r\n')
c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
c.request("POST", u.path, body, {"Content-Type": "multipart/form-data; boundary=B", "Authorization": auth})
r = c.getresponse()
print(r.status, r.read().decode(errors="replace"))
PY
}
su_bearer="${su[1]#Authorization: }"
# check_raw NAME STATUS URL FILENAME: raw_upload must answer STATUS.
check_raw() {
  local out
  out="$(raw_upload "$3" "$su_bearer" "$4")"
  if [[ "${out%% *}" != "$2" ]]; then
    echo "FAIL $1: expected $2, got $out"
    echo "  reproduce: curl -s -H 'Authorization: $su_bearer' -F 'file=@/etc/hostname;filename=$4' '$3'"
    failures=$((failures + 1))
  else echo "ok   $1"; fi
}

# ---------------- v1: per flow ----------------
check v1_upload 201 "\"flowId\":\"$flow_su\"" "${su[@]}" -F "file=@$dir/hello.txt" \
  "$v1/files/upload/$flow_su"
verify v1_upload_path json_ok \
  "d['file_path'].startswith('$flow_su/') and d['file_path'].endswith('_hello.txt') and len(d['file_path'].split('/')[1]) == len('2024-01-01_00-00-00_hello.txt')"
stored="$(json 'd["file_path"].split("/")[1]')"
verify v1_on_disk test -f "$dir/$flow_su/$stored"
check v1_list 200 "\"$stored\"" "${su[@]}" "$v1/files/list/$flow_su"
check v1_download 200 'hello files' "${su[@]}" "$v1/files/download/$flow_su/$stored"
verify v1_download_disposition has_header "content-disposition: attachment; filename=$stored"
verify v1_download_octet has_header 'content-type: application/octet-stream'
check v1_download_missing 404 "File nope.txt not found in flow $flow_su" "${su[@]}" \
  "$v1/files/download/$flow_su/nope.txt"
check v1_download_no_extension 400 'Extension not found for file trailing.' "${su[@]}" \
  "$v1/files/download/$flow_su/trailing."
check v1_upload_png 201 '"file_path"' "${su[@]}" -F "file=@$dir/pic.png" "$v1/files/upload/$flow_su"
png="$(json 'd["file_path"].split("/")[1]')"
check v1_image 200 'PNG' "${su[@]}" "$v1/files/images/$flow_su/$png"
verify v1_image_type has_header 'content-type: image/png'
check v1_image_not_image 400 'Content type text/plain is not an image' "${su[@]}" \
  "$v1/files/images/$flow_su/$stored"
check v1_image_unknown_ext 400 'Content type application/octet-stream is not an image' \
  "${su[@]}" "$v1/files/images/$flow_su/x.weird"
# ownership and ids
check v1_upload_foreign_flow 403 "You don't have access to this flow" "${bob_auth[@]}" \
  -F "file=@$dir/hello.txt" "$v1/files/upload/$flow_su"
check v1_list_foreign_flow 403 "You don't have access to this flow" "${bob_auth[@]}" \
  "$v1/files/list/$flow_su"
check v1_download_foreign_flow 403 "You don't have access to this flow" "${bob_auth[@]}" \
  "$v1/files/download/$flow_su/$stored"
check v1_image_foreign_flow 403 "You don't have access to this flow" "${bob_auth[@]}" \
  "$v1/files/images/$flow_su/$png"
check v1_delete_foreign_flow 403 "You don't have access to this flow" "${bob_auth[@]}" \
  -X DELETE "$v1/files/delete/$flow_su/$stored"
check v1_list_missing_flow 404 'Flow not found' "${su[@]}" "$v1/files/list/$missing"
check v1_upload_missing_flow 404 'Flow not found' "${su[@]}" -F "file=@$dir/hello.txt" \
  "$v1/files/upload/$missing"
check v1_bad_uuid 422 'uuid_parsing' "${su[@]}" "$v1/files/list/not-a-uuid"
check v1_upload_no_file 422 '"missing"' "${su[@]}" -F "other=1" "$v1/files/upload/$flow_su"
check v1_no_credentials 403 'detail' "$v1/files/list/$flow_su"
check v1_bad_token 401 'Could not validate credentials' -H 'Authorization: Bearer x.y.z' \
  "$v1/files/list/$flow_su"
check v1_bob_own_flow_empty 200 '"files":[]' "${bob_auth[@]}" "$v1/files/list/$flow_bob"
# traversal attempts never reach outside the flow folder
echo secret >"$dir/secret.txt"
for attempt in '..%2Fsecret.txt' '..%2F..%2Fsecret.txt' '%2E%2E' '..%5Csecret.txt' '%2Fetc%2Fpasswd' \
  'a%00b.txt'; do
  call "${su[@]}" "$v1/files/download/$flow_su/$attempt"
  if [[ "$code" == 200 || "$body" == *secret* || "$body" == *root:* ]]; then
    echo "FAIL v1_traversal $attempt: $code $body"
    echo "  reproduce: curl -s -H '$su_bearer' '$v1/files/download/$flow_su/$attempt'"
    failures=$((failures + 1))
  else echo "ok   v1_traversal_download $attempt ($code)"; fi
done
check v1_traversal_delete 404 'Not Found' "${su[@]}" -X DELETE \
  "$v1/files/delete/$flow_su/..%2F..%2Fsecret.txt"
check v1_dotdot_delete 400 'Invalid file name' "${su[@]}" -X DELETE "$v1/files/delete/$flow_su/%2E%2E"
check v1_dotdot_download 400 'Invalid file name' "${su[@]}" "$v1/files/download/$flow_su/%2E%2E"
verify v1_secret_kept test -f "$dir/secret.txt"
check_raw v1_upload_traversal_name 400 "$v1/files/upload/$flow_su" '../../escape.txt'
check_raw v1_upload_nul_name 400 "$v1/files/upload/$flow_su" 'nul\x00.txt'
check_raw v1_upload_plain_name 201 "$v1/files/upload/$flow_su" 'plain.txt'
verify v1_no_escape_written bash -c "! ls '$dir' | grep -q escape"
# upload limit (LANGFLOW_MAX_FILE_SIZE_UPLOAD=1)
head -c $((1024 * 1024 + 10)) /dev/zero >"$dir/big.bin"
check v1_upload_too_large 413 'File size is larger than the maximum file size 1MB.' "${su[@]}" \
  -F "file=@$dir/big.bin" "$v1/files/upload/$flow_su"
check v2_upload_too_large 413 'File size is larger than the maximum file size 1MB.' "${su[@]}" \
  -F "file=@$dir/big.bin" "$v2/files"
check v1_delete 200 "\"message\":\"File $png deleted successfully\"" "${su[@]}" -X DELETE \
  "$v1/files/delete/$flow_su/$png"
verify v1_deleted_from_disk test ! -e "$dir/$flow_su/$png"
check v1_delete_missing_is_ok 200 'deleted successfully' "${su[@]}" -X DELETE \
  "$v1/files/delete/$flow_su/$png"

# ---------------- profile pictures (public) ----------------
check pictures_list 200 '"People/' "$v1/files/profile_pictures/list"
verify pictures_both_folders json_ok \
  "any(f.startswith('Space/') for f in d['files']) and all(f.split('/')[0] in ('People','Space') for f in d['files'])"
first="$(json 'd["files"][0]')"
check picture_download 200 '<svg' "$v1/files/profile_pictures/$first"
verify picture_type has_header 'content-type: image/svg+xml'
check picture_missing 404 'Profile picture People/none.svg not found' \
  "$v1/files/profile_pictures/People/none.svg"
check picture_traversal 404 'Not Found' "$v1/files/profile_pictures/..%2F..%2F..%2Fetc/passwd"
check picture_dotdot 404 'not found' "$v1/files/profile_pictures/%2E%2E/langflow.db"

# ---------------- v2: per user ----------------
check v2_list_empty 200 '[]' "${su[@]}" "$v2/files"
check v2_upload 201 '"name":"hello"' "${su[@]}" -F "file=@$dir/hello.txt" "$v2/files"
verify v2_upload_shape json_ok \
  "d['path'] == '$su_id/hello.txt' and d['size'] == 11 and d['provider'] is None and set(d) == {'id','name','path','size','provider'}"
f1="$(json 'd["id"]')"
check v2_upload_again_slash 201 '"name":"hello (1)"' "${su[@]}" -F "file=@$dir/hello.txt" \
  "$v2/files/"
f2="$(json 'd["id"]')"
verify v2_second_path json_ok "d['path'] == '$su_id/hello (1).txt'"
check v2_upload_third 201 '"name":"hello (2)"' "${su[@]}" -F "file=@$dir/hello.txt" "$v2/files"
f3="$(json 'd["id"]')"
check v2_list 200 '"name":"hello (1)"' "${su[@]}" "$v2/files"
verify v2_list_shape json_ok \
  "len(d) == 3 and all(set(f) == {'id','user_id','name','path','size','provider','created_at','updated_at'} and f['user_id'] == '$su_id' for f in d)"
check v2_list_slash 200 '"name":"hello (2)"' "${su[@]}" "$v2/files/"
check v2_download 200 'hello files' "${su[@]}" "$v2/files/$f2"
verify v2_download_name has_header 'content-disposition: attachment; filename="hello (1).txt"'
check v2_return_content 200 '"hello files"' "${su[@]}" "$v2/files/$f1?return_content=true"
check v2_edit_name 200 '"name":"renamed"' "${su[@]}" -X PUT "$v2/files/$f1?name=renamed"
verify v2_edit_keeps_path json_ok "d['path'] == '$su_id/hello.txt'"
check v2_edit_bad_name 400 'Invalid file name' "${su[@]}" -X PUT "$v2/files/$f1?name=..%2Fx"
check v2_edit_missing_name 422 'missing' "${su[@]}" -X PUT "$v2/files/$f1"
check v2_upload_after_rename 201 '"name":"hello (3)"' "${su[@]}" -F "file=@$dir/hello.txt" \
  "$v2/files"
f4="$(json 'd["id"]')"
check v2_renamed_bytes_intact 200 'hello files' "${su[@]}" "$v2/files/$f1"
verify v2_renamed_download_name has_header 'filename="renamed.txt"'
# binary content cannot be returned as text
check v2_upload_png 201 '"name":"pic"' "${su[@]}" -F "file=@$dir/pic.png" "$v2/files"
fpng="$(json 'd["id"]')"
check v2_return_content_binary 400 'Invalid file encoding' "${su[@]}" \
  "$v2/files/$fpng?return_content=true"
# isolation
check v2_bob_list_empty 200 '[]' "${bob_auth[@]}" "$v2/files"
check v2_bob_download_foreign 403 "You don't have access to this file" "${bob_auth[@]}" \
  "$v2/files/$f1"
check v2_bob_rename_foreign 403 "You don't have access to this file" "${bob_auth[@]}" -X PUT \
  "$v2/files/$f1?name=stolen"
check v2_bob_delete_foreign 403 "You don't have access to this file" "${bob_auth[@]}" -X DELETE \
  "$v2/files/$f1"
check v2_bob_batch_foreign 404 'No files found' "${bob_auth[@]}" -X POST "${jsonh[@]}" \
  --data "[\"$f1\"]" "$v2/files/batch/"
check v2_bob_batch_delete_foreign 404 'No files found' "${bob_auth[@]}" -X DELETE "${jsonh[@]}" \
  --data "[\"$f1\"]" "$v2/files/batch/"
check v2_bob_delete_all 200 'All files deleted successfully' "${bob_auth[@]}" -X DELETE "$v2/files"
check v2_su_files_survive_bob 200 '"name":"renamed"' "${su[@]}" "$v2/files"
check v2_download_missing 404 'File not found' "${su[@]}" "$v2/files/$missing"
check v2_download_bad_uuid 422 'uuid_parsing' "${su[@]}" "$v2/files/nope"
check v2_no_credentials 403 'detail' "$v2/files"
check v2_upload_no_file 422 'missing' "${su[@]}" -F "other=1" "$v2/files"
# traversal attempts in upload names
for name in '../x.txt' '/abs.txt' '..' 'a\\\\b.txt' 'nul\x00.txt' 'cr\r\nx.txt'; do
  check_raw "v2_upload_rejects $name" 400 "$v2/files" "$name"
done
verify v2_nothing_escaped bash -c "! ls '$dir' | grep -qE '^(x|abs|b)\.txt$'"
# the per-user MCP servers file is replaced, never listed
printf '{}' >"$dir/_mcp_servers_$su_id.json"
check v2_mcp_upload 201 "\"name\":\"_mcp_servers_$su_id\"" "${su[@]}" \
  -F "file=@$dir/_mcp_servers_$su_id.json" "$v2/files"
check v2_mcp_upload_again 201 "\"name\":\"_mcp_servers_$su_id\"" "${su[@]}" \
  -F "file=@$dir/_mcp_servers_$su_id.json" "$v2/files"
check v2_mcp_hidden 200 '"renamed"' "${su[@]}" "$v2/files"
verify v2_mcp_not_listed json_ok "all(not f['name'].startswith('_mcp_servers') for f in d) and len(d) == 5"
# zip of a batch
curl -s -o "$dir/batch.zip" -D "$dir/headers" -w '%{http_code}' -X POST "${jsonh[@]}" "${su[@]}" \
  --data "[\"$f1\",\"$f2\",\"$missing\"]" "$v2/files/batch/" >"$dir/code"
code="$(cat "$dir/code")"; headers="$(cat "$dir/headers")"; body=""
last_args=(-X POST -H 'content-type: application/json' "${su[@]}" --data "[\"$f1\",\"$f2\"]" "$v2/files/batch/")
verify v2_batch_zip_status test "$code" = 200
verify v2_batch_zip_headers has_header 'content-disposition: attachment; filename=[0-9]\{8\}_[0-9]\{6\}_langflow_files.zip'
verify v2_batch_zip_content python3 -c "
import zipfile,sys
z = zipfile.ZipFile('$dir/batch.zip')
names = sorted(z.namelist())
sys.exit(0 if names == ['hello (1).txt', 'renamed.txt'] and all(z.read(n) == b'hello files' for n in names) else 1)"
check v2_batch_bad_id 422 'uuid_parsing' "${su[@]}" -X POST "${jsonh[@]}" --data '["x"]' \
  "$v2/files/batch/"
check v2_delete_one 200 '"detail":"File hello (2) deleted successfully"' "${su[@]}" -X DELETE \
  "$v2/files/$f3"
verify v2_delete_removed_bytes test ! -e "$dir/$su_id/hello (2).txt"
check v2_delete_again 404 'File not found' "${su[@]}" -X DELETE "$v2/files/$f3"
check v2_batch_delete 200 '"message":"2 files deleted successfully"' "${su[@]}" -X DELETE \
  "${jsonh[@]}" --data "[\"$f2\",\"$f4\",\"$missing\"]" "$v2/files/batch/"
check v2_batch_delete_none 404 'No files found' "${su[@]}" -X DELETE "${jsonh[@]}" \
  --data "[\"$f2\"]" "$v2/files/batch/"

# concurrent uploads of one name get distinct names and keep their own bytes
uploads=()
for i in 1 2 3 4 5 6; do
  printf 'content-%s' "$i" >"$dir/same-$i.txt"
  curl -s "${su[@]}" -F "file=@$dir/same-$i.txt;filename=same.txt" "$v2/files" >"$dir/up-$i.json" &
  uploads+=($!)
done
wait "${uploads[@]}"
call "${su[@]}" "$v2/files"
verify v2_concurrent_names json_ok \
  "sorted(f['name'] for f in d if f['name'].startswith('same')) == ['same'] + ['same (%d)' % i for i in range(1, 6)]"
ids="$(python3 -c "import json; print(' '.join(json.load(open('$dir/up-%d.json' % i))['id'] for i in range(1, 7)))")"
contents=""
for id in $ids; do contents+="$(curl -s "${su[@]}" "$v2/files/$id") "; done
last_args=("${su[@]}" "$v2/files/<id>")
verify v2_concurrent_bytes python3 -c "
import sys
got = sorted('$contents'.split())
sys.exit(0 if got == ['content-%d' % i for i in range(1, 7)] else 1)"

# ---------------- restart persistence ----------------
stop_server
start_server
check v1_after_restart 200 "\"$stored\"" "${su[@]}" "$v1/files/list/$flow_su"
check v1_bytes_after_restart 200 'hello files' "${su[@]}" "$v1/files/download/$flow_su/$stored"
check v2_after_restart 200 '"name":"renamed"' "${su[@]}" "$v2/files"
check v2_bytes_after_restart 200 'hello files' "${su[@]}" "$v2/files/$f1"
check v2_delete_all 200 '"message":"All files deleted successfully"' "${su[@]}" -X DELETE "$v2/files/"
check v2_empty_after_delete_all 200 '[]' "${su[@]}" "$v2/files"
verify v2_disk_cleared bash -c "[ -z \"\$(ls -A '$dir/$su_id')\" ]"

# --- deleting a user removes the bytes of their v2 files too ---
make_user carol
check carol_upload 201 '"name":"hello"' "${carol_auth[@]}" -F "file=@$dir/hello.txt" "$v2/files"
verify carol_bytes_on_disk test -d "$dir/$carol_id"
check delete_carol 200 'User deleted' -X DELETE "${su[@]}" "$v1/users/$carol_id"
verify carol_bytes_removed test ! -e "$dir/$carol_id"
verify database_kept test -f "$dir/langflow.db"

finish
