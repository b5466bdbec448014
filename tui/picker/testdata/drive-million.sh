#!/usr/bin/env bash
# drive-million.sh BIN DIR LABEL: the real binary in tmux, opened on DIR (a folder of 1,000,000
# images); prints the wall time from the password's enter until names show in the picker, and
# until the status says how many images the folder holds (the whole listing).
set -eu
bin=$1 dir=$2 label=$3
drive=${TUI_DRIVE:-tui-drive} # the shared tui-drive script (set TUI_DRIVE to its path)
name="million-$label-$$"
home=$(mktemp -d)
trap '$drive stop $name; rm -rf "$home"' EXIT
$drive start "$name" 120x40 env -i PATH="$PATH" HOME="$home" TERM=xterm-256color LANG=C.UTF-8 \
  PASSPORT_DIR="$dir" PASSPORT_RECEIPT_DIR="$home/receipts" "$bin"
$drive wait "$name" DEMO-HAPPY 20 >/dev/null
$drive type "$name" DEMO-HAPPY; $drive keys "$name" Enter
$drive wait "$name" 'Sandbox password:' 20 >/dev/null
hint=$($drive show "$name" | sed -n 's/.*Sandbox password: *\([^ ]*\).*/\1/p' | head -1)
$drive type "$name" "$hint"
t0=$(date +%s%N); $drive keys "$name" Enter
until $drive show "$name" | grep -q 'scan-'; do sleep 0.01; done
t1=$(date +%s%N)
until $drive show "$name" | grep -q '1,000,000 images'; do sleep 0.02; done
t2=$(date +%s%N)
echo "$label first-names-ms=$(( (t1-t0)/1000000 )) whole-listing-ms=$(( (t2-t0)/1000000 ))"
