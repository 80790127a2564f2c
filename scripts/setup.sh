#!/usr/bin/env bash
# Installs everything yichuang needs on a fresh Debian 12 machine (the Swift 6 toolchain itself
# comes with the machine image: https://www.swift.org/install/linux/ for others).
# Safe to run again: apt skips what is already there.
set -euo pipefail

packages=(
  pkg-config        # SwiftPM finds ncursesw through it
  libncurses-dev    # ncursesw: the terminal engine (CNcursesw)
  ncurses-term      # terminfo for more terminal types (tmux-256color, …)
  libsqlite3-dev    # the local store (GRDB links Debian's SQLite)
  sqlite3           # inspecting a store by hand; the benchmark notes its version
  tmux              # end-to-end tests drive the real binary in tmux
  espeak-ng         # offline Mandarin voice for the call board
  alsa-utils        # aplay: the board plays its voice and can tell when no sound device answers
  libpango1.0-dev   # Printing: Chinese text layout for the A4 PDF (CPangoCairo)
  libcairo2-dev     # Printing: the PDF itself, fonts embedded (CPangoCairo)
  libqrencode-dev   # Printing: QR codes on notices (CQREncode)
  fonts-noto-cjk    # Printing: the Chinese font embedded in every PDF (Noto Serif CJK SC)
  fonts-liberation2 # Printing: digits and Latin in Times metrics, kept as text through CUPS
  cups              # printing to office printers; the tests start a private cupsd
  cups-client       # lp and lpstat, how yichuang hands a job to CUPS and asks after it
  cups-bsd          # lpr/lpq for administrators used to them
  printer-driver-cups-pdf  # a virtual PDF printer: the CUPS tests print to it
  poppler-utils     # pdftotext / pdftoppm: the tests read the PDFs back
  postgresql        # the central server's database; the sync tests start a private cluster
  postgresql-client # psql, for the README's one-machine setup and inspecting the centre
  systemd           # systemd-analyze: the package test checks the units as systemd reads them
  openssh-server    # /usr/sbin/sshd: the SSH console test starts its own on a loopback port
                    # (apt may also enable the system's ssh service, as on any Debian node)
  openssh-client    # ssh, ssh-keygen: the same test logs in as a clerk
  xvfb              # scripts/xvfb-check.sh: the front ends in real terminal emulators, off screen
  xterm             #   … xterm, default and -cjk_width
  pterm             #   … PuTTY's terminal, CJK ambiguous width off and on
  xdotool           #   … types into them
  x11-apps          #   … xwd: the screenshots
  xfonts-base       #   … xterm's fixed fonts
  netpbm            #   … xwdtopnm, pnmtopng
  python3-venv      # .venv below: schemathesis, which fuzzes the centre from its OpenAPI document
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "安装系统软件包：${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "未找到 Swift 工具链（需要 Swift 6.1 或更新）：请按 https://www.swift.org/install/linux/ 安装后重试" >&2
  exit 1
fi
# schemathesis in a venv of the project's own (.venv, ignored by git), for the centre's fuzz test
# (Tests/CentralTests/OpenAPIFuzzTests, scripts/fuzz-central.sh). The pinned version is the one
# the checks were written against.
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! "$root/.venv/bin/schemathesis" --version 2>/dev/null | grep -q "4.32.5"; then
  echo "安装 schemathesis 到 $root/.venv"
  python3 -m venv "$root/.venv"
  "$root/.venv/bin/pip" install -q --disable-pip-version-check schemathesis==4.32.5
fi

echo "环境就绪：$(swift --version 2>&1 | head -1)"
