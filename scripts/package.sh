#!/usr/bin/env bash
# Builds the Debian package of a hall node (or a centre): yichuang_<version>_<arch>.deb.
#
#   scripts/package.sh                         # release build, Swift runtime linked in, in dist/
#   scripts/package.sh --binary PATH --out DIR --compress none   # package a binary built elsewhere
#
# Nothing is fetched at install time: the package carries the binary, the systemd units, the SSH
# console and the documents; postinst creates the yichuang user and its private folders.
# docs/install.md walks an IT officer through installing it.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

binary="" out="$repo/dist" compress="xz" version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --compress) compress="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "未知参数：$1（见 scripts/package.sh --help）" >&2; exit 2 ;;
  esac
done

if [ -z "$binary" ]; then
  export LANG="${LANG:-C.UTF-8}"
  # The Swift runtime goes into the binary, so the node needs no toolchain.
  swift build -c release --static-swift-stdlib --product yichuang
  binary="$repo/.build/release/yichuang"
fi
[ -x "$binary" ] || { echo "找不到可执行文件 $binary：请先构建（swift build -c release）" >&2; exit 1; }

if [ -z "$version" ]; then
  # 0.1.0~git<commit date>.<hash>: each commit gets a version dpkg orders correctly.
  version="0.1.0~git$(git log -1 --format=%cd.%h --date=format:%Y%m%d 2>/dev/null || date +%Y%m%d)"
fi
arch="$(dpkg --print-architecture)"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
chmod 0755 "$stage"   # mktemp made it 0700: it becomes the "/" of the package
p="$repo/packaging"

install -d -m 0755 "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/lib/yichuang" "$stage/lib/systemd/system" \
  "$stage/etc/yichuang" "$stage/etc/default" "$stage/usr/share/yichuang" "$stage/usr/share/doc/yichuang" \
  "$stage/usr/share/bash-completion/completions" "$stage/usr/share/zsh/vendor-completions"
install -m 0755 "$binary" "$stage/usr/bin/yichuang"
install -m 0755 "$p/bin/yichuang-console" "$stage/usr/lib/yichuang/yichuang-console"
install -m 0644 "$p"/systemd/*.service "$p"/systemd/*.timer "$stage/lib/systemd/system/"
install -m 0644 "$p/etc/yichuang.toml" "$stage/etc/yichuang/yichuang.toml"
install -m 0644 "$p/etc/default" "$stage/etc/default/yichuang"
# Examples the IT officer copies and fills in (tokens and passwords never ship in a package).
install -m 0644 "$p/etc/sync.env" "$p/etc/central.env" "$stage/usr/share/yichuang/"
install -m 0644 "$p/sshd/yichuang.conf" "$stage/usr/share/yichuang/sshd-yichuang.conf"
install -m 0644 "$repo/README.md" "$repo/docs/install.md" "$stage/usr/share/doc/yichuang/"
"$binary" --generate-completion-script bash > "$stage/usr/share/bash-completion/completions/yichuang"
"$binary" --generate-completion-script zsh > "$stage/usr/share/zsh/vendor-completions/_yichuang"
chmod 0644 "$stage/usr/share/bash-completion/completions/yichuang" "$stage/usr/share/zsh/vendor-completions/_yichuang"

# The man page: the tool behind swift-argument-parser's GenerateManual plugin, run on the very
# binary being packaged (the plugin itself rebuilds every product first, and would describe that
# build). One page, yichuang.1, with every subcommand in it, gzipped as Debian policy asks.
manual_tool="${YICHUANG_MANUAL_TOOL:-}"
if [ -z "$manual_tool" ]; then
  manual_tool="$(swift build --show-bin-path)/generate-manual"
  [ -x "$manual_tool" ] || swift build --product generate-manual >&2 \
    || { echo "无法构建 generate-manual（swift-argument-parser 的手册生成工具），未生成软件包" >&2; exit 1; }
fi
[ -x "$manual_tool" ] || { echo "找不到手册生成工具 $manual_tool" >&2; exit 1; }
# generate-manual 1.8.2 drops every non-ASCII character (its own TODO in String+Escaping.swift),
# which is all of our help text. So the binary's help dump reaches it with each such character
# spelled @uXXXX@ in ASCII, and the page gets the characters back afterwards (perl is Essential).
man_work="$(mktemp -d)"
trap 'rm -rf "$stage" "$man_work"' EXIT
cat > "$man_work/yichuang" <<'WRAPPER'
#!/bin/sh
"$YICHUANG_MANUAL_BINARY" "$@" | perl -CS -pe 's/([^\x00-\x7f])/sprintf(q(@u%x@), ord($1))/ge'
WRAPPER
chmod 0755 "$man_work/yichuang"
install -d -m 0755 "$stage/usr/share/man/man1"
manual_date="$(git log -1 --format=%cd --date=format:%Y-%m-%d 2>/dev/null || date +%Y-%m-%d)"
YICHUANG_MANUAL_BINARY="$binary" "$manual_tool" "$man_work/yichuang" --date "$manual_date" --section 1 \
  --authors "yichuang maintainers<yichuang@localhost>" --output-directory "$man_work" >/dev/null
perl -CSD -pe 's/\@u([0-9a-f]+)\@/chr(hex($1))/ge' "$man_work/yichuang.1" > "$stage/usr/share/man/man1/yichuang.1"
grep -q '一窗' "$stage/usr/share/man/man1/yichuang.1" || { echo "手册页缺少中文说明，未生成软件包" >&2; exit 1; }
chmod 0644 "$stage/usr/share/man/man1/yichuang.1"
gzip -9n "$stage/usr/share/man/man1/yichuang.1"

for f in postinst prerm postrm; do install -m 0755 "$p/debian/$f" "$stage/DEBIAN/$f"; done
install -m 0644 "$p/debian/conffiles" "$stage/DEBIAN/conffiles"
size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" "$p/debian/control" > "$stage/DEBIAN/control"

mkdir -p "$out"
deb="$out/yichuang_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"$compress" --build "$stage" "$deb" >/dev/null
echo "$deb"
