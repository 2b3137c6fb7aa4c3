#!/bin/sh
# Installs the system packages the integration tests need (Debian/Ubuntu). Idempotent: does nothing when
# everything is present. Needs root (or sudo).
#
# dovecot-imapd: the IMAP server test/support/dovecot.ts starts per test run, on its own port and config.
# The Debian package's own service is kept from starting (policy-rc.d during install, then stopped and
# disabled), so nothing holds port 143/993 on the build machine.
# chromium: the browser test/e2e/console-browser.test.ts drives through playwright-core (Debian's build at
# /usr/bin/chromium; playwright never downloads a browser).
set -eu

SUDO=''
if [ "$(id -u)" -ne 0 ]; then
  SUDO='sudo'
fi

missing=''
if [ ! -x /usr/sbin/dovecot ]; then
  missing="$missing dovecot-imapd"
fi
if [ ! -x /usr/bin/chromium ]; then
  missing="$missing chromium"
fi

if [ -z "$missing" ]; then
  echo 'install-system-packages: everything present'
  exit 0
fi

policy_file=/usr/sbin/policy-rc.d
created_policy=no
if [ ! -e "$policy_file" ]; then
  # Exit code 101 tells invoke-rc.d that starting services is forbidden.
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy_file" >/dev/null
  $SUDO chmod 755 "$policy_file"
  created_policy=yes
fi
remove_policy() {
  if [ "$created_policy" = yes ]; then
    $SUDO rm -f "$policy_file"
  fi
}
trap remove_policy EXIT

echo "install-system-packages: installing$missing"
$SUDO apt-get update
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing

# Belt and braces for systems where the service started anyway (e.g. an existing policy-rc.d allowed it).
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now dovecot.service >/dev/null 2>&1 || true
elif [ -x /etc/init.d/dovecot ]; then
  $SUDO /etc/init.d/dovecot stop >/dev/null 2>&1 || true
fi

echo 'install-system-packages: done'
