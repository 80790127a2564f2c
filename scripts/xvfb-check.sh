#!/bin/bash
# Opens the front ends in real terminal emulators under Xvfb, types into them with xdotool and
# saves a screenshot of each, to look at (issue 18, must-deliver 2):
#   xterm (default), xterm -cjk_width (ambiguous characters drawn wide),
#   pterm (PuTTY's terminal, Debian package pterm) with "treat CJK ambiguous characters as wide"
#   off and on (PuTTY itself only talks to remote hosts; pterm is the same terminal locally).
# Needs: xvfb xterm xdotool x11-apps (xwd) xfonts-base netpbm (xwdtopnm, pnmtopng), optionally pterm,
# a CJK font (fonts-noto-cjk) and a built yichuang (swift build).
#
#   scripts/xvfb-check.sh [output folder, default .build/xvfb-check]
#
# Environment: YICHUANG_BIN (default .build/debug/yichuang), WAIT (seconds for a front end to come
# up, default 8; more on a loaded machine), TERMINALS (default "xterm xterm-cjk pterm pterm-cjk").
set -euo pipefail
[ -n "${DEBUG:-}" ] && set -x
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-.build/xvfb-check}")
bin=$(realpath "${YICHUANG_BIN:-.build/debug/yichuang}")
wait_up=${WAIT:-8}
terminals=${TERMINALS:-xterm xterm-cjk pterm pterm-cjk}
font="Noto Sans Mono CJK SC"   # the wide (Chinese) font
latin="DejaVu Sans Mono"        # xterm sizes its cells by -fa: a Latin font keeps them one column wide
mkdir -p "$out"
for tool in Xvfb xterm xdotool xwd xwdtopnm pnmtopng; do
    command -v "$tool" >/dev/null || { echo "缺少 $tool：请运行 scripts/setup.sh（安装 xvfb xterm pterm xdotool x11-apps xfonts-base netpbm）" >&2; exit 1; }
done

work=$(mktemp -d)
# -displayfd: Xvfb picks a free display number itself and writes it once it is ready.
# -noreset: no server reset between two terminals (a new client would be refused during it).
Xvfb -displayfd 3 -noreset -screen 0 1400x900x24 -nolisten tcp 3>"$work/display" >"$out/xvfb.log" 2>&1 &
xvfb=$!
cleanup() { kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=:$(head -1 "$work/display")
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

export YICHUANG_HOME="$work/home" LANG=C.UTF-8 LC_ALL=
"$bin" demo --setup-only >/dev/null

# pterm reads its settings from $HOME/.putty/sessions: one session per ambiguous-width setting.
export HOME="$work"
mkdir -p "$HOME/.putty/sessions"
for wide in 0 1; do
    printf '%s\n' "LineCodePage=UTF-8" "CJKAmbigWide=$wide" "TermWidth=100" \
        "TermHeight=30" "TerminalType=xterm-256color" > "$HOME/.putty/sessions/yc-cjk$wide"
done

# open TERMINAL NAME COMMAND...: starts COMMAND in the terminal, waits for its window.
open_terminal() {
    local terminal=$1 name=$2; shift 2
    local title="yc-$terminal-$name"
    case $terminal in
        xterm) xterm -T "$title" -fa "$latin" -fd "$font" -fs 12 -geometry 100x30 -e "$@" & ;;
        xterm-cjk) xterm -cjk_width -T "$title" -fa "$latin" -fd "$font" -fs 12 -geometry 100x30 -e "$@" & ;;
        pterm) pterm -load yc-cjk0 -fn "client:$font 12" -title "$title" -e "$@" & ;;
        pterm-cjk) pterm -load yc-cjk1 -fn "client:$font 12" -title "$title" -e "$@" & ;;
    esac
    term_pid=$!
    window=$(timeout 60 xdotool search --sync --onlyvisible --name "^$title\$" | head -1)
    [ -n "$window" ] || { echo "$terminal 没有打开窗口：$title" >&2; exit 1; }
    # No window manager: the keyboard goes where the pointer is (X's PointerRoot focus).
    xdotool mousemove --window "$window" 20 20
    xdotool windowfocus "$window" 2>/dev/null || true
    sleep "$wait_up"
}
type_keys() { xdotool type --delay 80 "$1"; sleep 1; }
press() { xdotool key --delay 150 "$@"; sleep 1; }
shot() {
    sleep 2
    xwd -silent -id "$window" | xwdtopnm 2>/dev/null | pnmtopng > "$out/$1.png"
    echo "$out/$1.png"
}
close_terminal() { kill "$term_pid" 2>/dev/null || true; wait "$term_pid" 2>/dev/null || true; }

for terminal in $terminals; do
    case $terminal in pterm*) command -v pterm >/dev/null || { echo "跳过 $terminal：未安装 pterm" >&2; continue; } ;; esac
    # Window console: sign in as 1001, call the next ticket, open and close the help.
    open_terminal "$terminal" window "$bin" window --window 1
    type_keys 1001; press Return; type_keys 1234; press Return; sleep 2
    press F2; press F1; press Escape
    shot "$terminal-window"
    close_terminal
    # Ticket desk: sign in as 2001, issue a ticket for the first service.
    open_terminal "$terminal" desk "$bin" desk
    type_keys 2001; press Return; type_keys 2222; press Return; sleep 2
    type_keys 1
    shot "$terminal-desk"
    close_terminal
    # Call board: public, nothing to type.
    open_terminal "$terminal" board "$bin" board --silent
    shot "$terminal-board"
    close_terminal
    # Dashboard: sign in as the supervisor 8001.
    open_terminal "$terminal" dashboard "$bin" dashboard
    type_keys 8001; press Return; type_keys 8888; press Return; sleep 2
    shot "$terminal-dashboard"
    close_terminal
    # Rating pad of window 1.
    open_terminal "$terminal" pad "$bin" pad --window 1
    shot "$terminal-pad"
    close_terminal
done
