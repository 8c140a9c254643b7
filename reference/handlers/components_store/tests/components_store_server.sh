#!/usr/bin/env bash
# Components Store against the real lfkit-server: every operation, with and
# without a saved store API key, plus auth and validation failures. The remote
# store is never contacted (answers are those of an unreachable store).
set -uo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/../../../server/tests/server_harness.sh"
source "$here/../../files/tests/test_lib.sh"

start_server
su_login
make_user carol
comp=11111111-1111-4111-8111-111111111111
comp_body='{"name":"c","description":"d","data":{"nodes":[],"edges":[]},"is_component":true}'

check store_enabled_public 200 '{"enabled":true}' "$v1/store/check/"
check tags_unreachable 500 '"detail":"All connection attempts failed"' "$v1/store/tags"
check has_key_no_auth 403 'detail' "$v1/store/check/api_key"
check has_key_false 200 '{"has_api_key":false,"is_valid":false}' "${carol_auth[@]}" \
  "$v1/store/check/api_key"
# no store API key saved
check share_needs_key 400 'You must have a store API key set.' "${carol_auth[@]}" -X POST \
  "${jsonh[@]}" --data "$comp_body" "$v1/store/components/"
check update_needs_key 400 'You must have a store API key set.' "${carol_auth[@]}" -X PATCH \
  "${jsonh[@]}" --data "$comp_body" "$v1/store/components/$comp"
check download_needs_key 400 'You must have a store API key set.' "${carol_auth[@]}" \
  "$v1/store/components/$comp"
check likes_need_key 400 'You must have a store API key set.' "${carol_auth[@]}" \
  "$v1/store/users/likes"
check like_needs_key 400 'You must have a store API key set.' "${carol_auth[@]}" -X POST \
  "$v1/store/users/likes/$comp"
check components_liked_needs_key 400 'You must provide an API key to filter by likes' \
  "${carol_auth[@]}" "$v1/store/components/?liked=true"
check components_by_user_needs_key 400 'You must provide an API key to filter your components' \
  "${carol_auth[@]}" "$v1/store/components/?filter_by_user=true"
check components_unreachable 500 'Unexpected error: All connection attempts failed' \
  "${carol_auth[@]}" "$v1/store/components/?page=2&limit=5&tags=a&tags=b"
# validation and auth
check components_bad_page 422 'int_parsing' "${carol_auth[@]}" "$v1/store/components/?page=x"
check download_bad_uuid 422 'uuid_parsing' "${carol_auth[@]}" "$v1/store/components/nope"
check like_bad_uuid 422 'uuid_parsing' "${carol_auth[@]}" -X POST "$v1/store/users/likes/nope"
check share_bad_body 422 'detail' "${carol_auth[@]}" -X POST "${jsonh[@]}" --data '{}' \
  "$v1/store/components/"
check components_no_auth 403 'detail' "$v1/store/components/"
check likes_bad_token 401 'Could not validate credentials' -H 'Authorization: Bearer x.y.z' \
  "$v1/store/users/likes"
# with a saved store API key every remote call fails like an unreachable store
check save_store_key 200 '' "${carol_auth[@]}" -X POST "${jsonh[@]}" \
  --data '{"api_key":"store-key"}' "$v1/api_key/store"
check has_key_unreachable 400 'Unexpected error: All connection attempts failed' \
  "${carol_auth[@]}" "$v1/store/check/api_key"
check share_unreachable 400 'Upload failed: All connection attempts failed' "${carol_auth[@]}" \
  -X POST "${jsonh[@]}" --data "$comp_body" "$v1/store/components/"
check update_unreachable 400 'Upload failed: All connection attempts failed' "${carol_auth[@]}" \
  -X PATCH "${jsonh[@]}" --data "$comp_body" "$v1/store/components/$comp"
check download_unreachable 500 'All connection attempts failed' "${carol_auth[@]}" \
  "$v1/store/components/$comp"
check likes_unreachable 500 'All connection attempts failed' "${carol_auth[@]}" \
  "$v1/store/users/likes"
check like_unreachable 500 'All connection attempts failed' "${carol_auth[@]}" -X POST \
  "$v1/store/users/likes/$comp"
check components_with_key_unreachable 500 'All connection attempts failed' "${carol_auth[@]}" \
  "$v1/store/components/"
# the key is per user
check su_still_has_no_key 200 '"has_api_key":false' "${su[@]}" "$v1/store/check/api_key"

finish
