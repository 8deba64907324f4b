#!/usr/bin/env bash
# Runs a saved FlowLens workflow through the local HTTP API the way a script drives it: pick the saved
# workflow, set the image path and the prompt, submit, wait until the run ends, print the answer.
#
#   examples/api-client.sh WORKFLOW IMAGE PROMPT
#
# Start the API first:  flowlens serve   (or flowlens service). Settings, all optional, from the environment:
#   FLOWLENS_URL          where the API listens            (default http://127.0.0.1:8765)
#   FLOWLENS_TOKEN        the bearer token                 (default: read from FLOWLENS_TOKEN_FILE)
#   FLOWLENS_TOKEN_FILE   the token file                   (default ${FLOWLENS_DATA:-$HOME/.flowlens}/api-token)
#   IMAGE_PARAM           the node.param that takes IMAGE  (default load.path)
#   PROMPT_PARAM          the node.param that takes PROMPT (default ask.prompt)
#   TIMEOUT_S             give up waiting after this long  (default 600)
# Prints every text output file of the run; exit code 0 when the run succeeded, 1 when it failed, 2 on usage
# or connection problems. Needs bash, curl and jq.
set -euo pipefail

usage() {
  sed -n '2,16s/^# \{0,1\}//p' "$0" >&2
  exit 2
}
[ $# -eq 3 ] || usage
workflow=$1 image=$2 prompt=$3

for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "api-client: $tool is required" >&2; exit 2; }
done

url=${FLOWLENS_URL:-http://127.0.0.1:8765}
token_file=${FLOWLENS_TOKEN_FILE:-${FLOWLENS_DATA:-$HOME/.flowlens}/api-token}
if [ -z "${FLOWLENS_TOKEN:-}" ]; then
  [ -r "$token_file" ] || { echo "api-client: no token: set FLOWLENS_TOKEN or FLOWLENS_TOKEN_FILE ($token_file is not readable)" >&2; exit 2; }
  FLOWLENS_TOKEN=$(tr -d '[:space:]' < "$token_file")
fi
image_param=${IMAGE_PARAM:-load.path}
prompt_param=${PROMPT_PARAM:-ask.prompt}
timeout_s=${TIMEOUT_S:-600}

# The image path must be one the server can read: make a relative path absolute here.
case $image in /*) ;; *) image="$PWD/$image" ;; esac

# call METHOD PATH [BODY]: prints the body, leaves the HTTP status in $status.
call() {
  local out data=()
  [ $# -lt 3 ] || data=(--data-binary "$3")
  out=$(curl -sS -X "$1" "$url$2" -H "Authorization: Bearer $FLOWLENS_TOKEN" -H 'Content-Type: application/json' \
    "${data[@]}" -w '\n%{http_code}') || { echo "api-client: cannot reach $url" >&2; exit 2; }
  status=${out##*$'\n'}
  body=${out%$'\n'*}
}

# 1. The saved workflow must exist on the server.
call GET /api/workflows
[ "$status" = 200 ] || { echo "api-client: GET /api/workflows answered $status: $body" >&2; exit 2; }
if ! jq -e --arg w "$workflow" 'any(.[]; .name == $w)' <<<"$body" >/dev/null; then
  echo "api-client: no saved workflow \"$workflow\"; the server has: $(jq -r '[.[].name] | join(", ")' <<<"$body")" >&2
  exit 2
fi

# 2. Submit it with the image path and the prompt as overrides.
request=$(jq -n --arg w "$workflow" --arg ik "$image_param" --arg iv "$image" --arg pk "$prompt_param" --arg pv "$prompt" \
  '{workflow: $w, set: {($ik): $iv, ($pk): $pv}}')
call POST /api/runs "$request"
if [ "$status" != 202 ]; then
  echo "api-client: the run was refused ($status): $(jq -r '.error // .' <<<"$body" 2>/dev/null || echo "$body")" >&2
  jq -r '.issues[]? | "  \(.node // "-").\(.field // "-"): \(.message)"' <<<"$body" >&2 2>/dev/null || true
  exit 2
fi
run_id=$(jq -r .runId <<<"$body")
echo "run $run_id accepted" >&2

# 3. Wait until it ends.
deadline=$((SECONDS + timeout_s))
while :; do
  call GET "/api/runs/$run_id"
  [ "$status" = 200 ] || { echo "api-client: GET /api/runs/$run_id answered $status" >&2; exit 2; }
  state=$(jq -r .status <<<"$body")
  case $state in queued|running) ;; *) break ;; esac
  [ $SECONDS -lt $deadline ] || { echo "api-client: run $run_id still $state after ${timeout_s}s" >&2; exit 2; }
  sleep 0.5
done
run=$body
echo "run $run_id $state" >&2

# 4. Print what went wrong, then the answer: every text output file.
jq -r '.nodes[] | select(.state == "failed") | "  \(.node) failed: \(.message)"' <<<"$run" >&2
jq -r '.nodes[] | .node as $n | .itemErrors[]? | "  \($n) item \(.item): \(.message)"' <<<"$run" >&2
while IFS=$'\t' read -r path link; do
  [ -n "$path" ] || continue
  echo "== $path"
  curl -sS "$url$link" -H "Authorization: Bearer $FLOWLENS_TOKEN"
  echo
done < <(jq -r '.outputs[] | select(.path | test("\\.(txt|json|jsonl|csv|md)$")) | [.path, .url] | @tsv' <<<"$run")

[ "$state" = succeeded ]
