# Login shells: load the interactive setup (Debian's /etc/profile only does so when PS1 is set).
[ -n "${BASH_VERSION:-}" ] && [ -z "${SLIPWAY_PROMPT_HOOKED:-}" ] && [ -r /etc/slipway/bashrc-prompt.sh ] \
  && . /etc/slipway/bashrc-prompt.sh
