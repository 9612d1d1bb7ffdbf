# Finds (and when missing installs) the headless browser the browser tests drive. Sourced, not run.
#
#   chromium_ensure_installed   installs Debian's chromium and chromium-driver with apt-get when either is missing;
#                               sets and exports WALLETDESK_CHROMIUM and WALLETDESK_CHROMEDRIVER; fails when it cannot
#
# Debian's packages, not a browser build downloaded by a test tool: the tests pass chromedriver's path to Selenium, so
# nothing is fetched at test time.

chromium_paths() {
    local browser driver
    browser=$(command -v chromium || command -v chromium-browser) || return 1
    driver=$(command -v chromedriver || { [[ -x /usr/lib/chromium/chromedriver ]] && echo /usr/lib/chromium/chromedriver; }) || return 1
    WALLETDESK_CHROMIUM=$browser
    WALLETDESK_CHROMEDRIVER=$driver
    export WALLETDESK_CHROMIUM WALLETDESK_CHROMEDRIVER
}

chromium_ensure_installed() {
    if chromium_paths; then return 0; fi
    echo "==> installing Chromium and chromedriver (apt-get)"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
    chromium_paths
}
