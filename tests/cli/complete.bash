# complete.bash SCRIPT WORD... - what bash completion offers, for install.sh.
#
# Sources the completion SCRIPT, sets COMP_WORDS to the WORDs (split as bash
# splits a line: "--format=j" is "--format" "=" "j") with the cursor at the
# end of the last one (give "" for a new word), calls the function that
# SCRIPT registered for mesos-upgrade and prints COMPREPLY one per line,
# sorted. Exits 1 when SCRIPT does not load or registers no function.
script=$1
shift
# shellcheck disable=SC1090
. "$script" || exit 1
fn=$(complete -p mesos-upgrade 2>/dev/null | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
[ -n "$fn" ] || exit 1
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$fn" mesos-upgrade "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
