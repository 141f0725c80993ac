#!/usr/bin/env zsh
# Completes one command line in a real interactive zsh, as a person pressing TAB would, and prints
# the candidates zsh's completion system offers, one a line (CompletionE2EIT).
#   zsh-complete.zsh [--compinit] SCRIPT LINE
# The inner zsh starts without any rc file (-f), sources SCRIPT as ~/.zshrc would (after running
# compinit itself with --compinit, as most users' ~/.zshrc does), gets LINE typed on its
# pseudo-terminal followed by TAB, lists every match the completion functions add, and exits.
# Exit 2, with what the shell printed, when it does not get as far as a finished completion.
emulate -L zsh
zmodload zsh/zpty || { print -u2 'zsh-complete: zsh has no zsh/zpty module'; exit 2 }
zmodload zsh/zselect
local compinit=
[[ $1 == --compinit ]] && { compinit='autoload -U compinit && compinit -u && '; shift }
local script=$1 line=$2 out=

# Reads the shell's output into $out until it contains PATTERN or SECONDS run out.
read_until() {
  local pattern=$1 chunk; integer deadline=$(( SECONDS + $2 ))
  while [[ $out != $~pattern ]] && (( SECONDS < deadline )); do
    if zpty -r -t shell chunk; then out+=$chunk; else zselect -t 5; fi
  done
  [[ $out == $~pattern ]]
}
fail() {
  setopt localoptions extendedglob
  print -u2 -r -- "zsh-complete: $1; the shell printed: ${${out//$'\r'/}//$'\e'\[[0-9;?]#[a-zA-Z]/}"
  zpty -d shell 2>/dev/null
  exit 2
}

zpty shell zsh -f -i
# Markers are assembled when printed, so the terminal's echo of these lines never matches them.
zpty -w shell "PROMPT= RPROMPT= PS2= ; unsetopt zle_bracketed_paste 2>/dev/null"
zpty -w shell "{ ${compinit}source ${(q)script} } && print -r -- \"ROLLBACK\"-SOURCED || print -r -- \"ROLLBACK\"-FAILED"
# Every match added through compadd (bashcompinit's _bash_complete adds them that way), after
# zsh's own matching against the word under the cursor; the shell exits once completion is done.
zpty -w shell 'compadd() { local -a __hits; builtin compadd -A __hits "$@"; (( $#__hits )) && print -rl -- "MATCH"":"${^__hits}; builtin compadd "$@" }'
zpty -w shell 'zstyle ":completion:*" list-grouped false; bindkey "^I" complete-word'
zpty -w shell 'comppostfuncs=( __done ); __done() { print -r -- "ROLLBACK"-COMPLETED; exit 0 }'
read_until '*ROLLBACK-(SOURCED|FAILED)*' 30 && [[ $out == *ROLLBACK-SOURCED* ]] || fail "sourcing $script failed"
out=
zpty -w -n shell "$line"$'\t'
read_until '*ROLLBACK-COMPLETED*' 30 || fail "no completion ran for '$line' (is compinit loaded?)"
zpty -d shell 2>/dev/null
print -rl -- ${${(M)${(f)${out//$'\r'/}}:#*MATCH:*}#*MATCH:}
