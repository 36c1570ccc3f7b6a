#!/usr/bin/env bash
# Make sure the Debian packages sevenc needs are installed: install them when run as root,
# otherwise print the exact apt-get line and fail. Usage: scripts/system-deps.sh [extra packages…]
set -euo pipefail
packages=(
  make
  chromium                 # browser tests (Playwright drives Debian's chromium)
  fonts-dejavu-core        # text in PDFs and screenshots
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0  # WeasyPrint
  poppler-utils            # pdftotext / pdftoppm in report tests
  "$@"
)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "sevenc needs these Debian packages; run as root:" >&2
  echo "  $line" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
