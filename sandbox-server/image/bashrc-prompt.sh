# After every command, bash prints a private OSC sequence (ESC ] 7777 ; slipway ; done ; <status> BEL).
# The sandbox server strips it from the terminal stream and checks the lesson's steps: steps tick without
# the learner clicking anything, and no polling runs while the learner is idle.
if [ -n "${BASH_VERSION:-}" ] && [ -z "${SLIPWAY_PROMPT_HOOKED:-}" ]; then
  SLIPWAY_PROMPT_HOOKED=1
  __slipway_command_done() {
    local status=$?
    printf '\033]7777;slipway;done;%s\007' "$status"
    return "$status"
  }
  PROMPT_COMMAND="__slipway_command_done${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
  PS1='\[\e[1;32m\]\h\[\e[0m\]:\[\e[1;34m\]\w\[\e[0m\]\$ '
fi
