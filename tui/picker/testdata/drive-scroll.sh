#!/usr/bin/env bash
# drive-scroll.sh BIN PHOTOS LABEL: the scrolling case of issue 12 on the real binary, in tmux.
# Opens the demo, reaches the picker on PHOTOS (10 × 24 MP JPEGs from genphotos), lets the first
# preview finish, then presses Down 9 times at 40 ms a key and measures, from /proc:
#   cpu-ms      the process's CPU time (utime+stime) from the first key until the last photo's
#               preview is drawn;
#   lag-ms      wall time from the last key until that preview is on screen;
#   rss-mib     VmHWM (peak RSS) after choosing the last photo and reaching Review.
# Prints one line: LABEL cpu-ms lag-ms rss-after-scroll-mib peak-rss-through-review-mib.
set -eu
bin=$1 photos=$2 label=$3
drive=${TUI_DRIVE:-tui-drive} # the shared tui-drive script (set TUI_DRIVE to its path)
name="scroll-$label-$$"
home=$(mktemp -d)
trap '$drive stop $name; rm -rf "$home"' EXIT
$drive start "$name" 120x40 env -i PATH="$PATH" HOME="$home" TERM=xterm-256color LANG=C.UTF-8 \
  PASSPORT_DIR="$photos" PASSPORT_RECEIPT_DIR="$home/receipts" "$bin"
pid=$(tmux display -p -t "$name" '#{pane_pid}')
$drive wait "$name" DEMO-HAPPY 20 >/dev/null
$drive type "$name" DEMO-HAPPY; $drive keys "$name" Enter
$drive wait "$name" 'Sandbox password:' 20 >/dev/null
hint=$($drive show "$name" | sed -n 's/.*Sandbox password: *\([^ ]*\).*/\1/p' | head -1)
$drive type "$name" "$hint"; $drive keys "$name" Enter
$drive wait "$name" 'Folder:' 20 >/dev/null
# The first photo's preview done: a thumbnail drawn and nothing pending.
done_re='▀'
settled() { local s; s=$($drive show "$name"); grep -q "$1" <<<"$s" && grep -q "$done_re" <<<"$s" && ! grep -Eq 'Drawing the preview|Reading…' <<<"$s"; }
until settled photo-00; do sleep 0.02; done
cpu() { awk '{print $14+$15}' /proc/$pid/stat; }
tck=$(getconf CLK_TCK)
c0=$(cpu)
for i in 1 2 3 4 5 6 7 8 9; do tmux send-keys -t "$name" Down; sleep 0.04; done
t_last=$(date +%s%N)
until settled '> photo-09'; do sleep 0.005; done
t_shown=$(date +%s%N)
c1=$(cpu)
rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
$drive keys "$name" Enter
$drive wait "$name" 'Review what the scan says' 60 >/dev/null
hwm=$(awk '/VmHWM/{print $2}' /proc/$pid/status)
echo "$label cpu-ms=$(( (c1-c0)*1000/tck )) lag-ms=$(( (t_shown-t_last)/1000000 )) rss-after-scroll-mib=$((rss/1024)) peak-rss-mib=$((hwm/1024))"
