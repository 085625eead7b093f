# bash completion for mesos-upgrade(1)
#
# Installed as $(PREFIX)/share/bash-completion/completions/mesos-upgrade, where
# bash-completion loads it on first use; or source it from ~/.bashrc. Needs
# bash 4 and grep: no bash-completion helpers, no jq.
#
# Session ids, item ids and host names come from the program itself, with
# the --journal given earlier on the line: 'complete sessions|items|hosts|
# excluded', made for this script: it reads only the ids that start with the
# word typed (a range of the journal's index, whatever the session's size)
# and prints them one a line.

# _mesos_upgrade_run ARGS...: the program on the line, with its global options.
_mesos_upgrade_run()
{
	local prog=${_mu_words[0]}
	# shellcheck disable=SC2088 # a literal ~/ left by the line
	[[ $prog == "~/"* ]] && prog=$HOME/${prog#"~/"}
	"$prog" "${_mu_globals[@]}" "$@" 2>/dev/null </dev/null
}

# _mesos_upgrade_sessions PREFIX: the session ids that start with PREFIX.
_mesos_upgrade_sessions()
{
	_mesos_upgrade_run complete -- sessions "$1"
}

# _mesos_upgrade_items SESSION PREFIX: the item ids of SESSION that start with PREFIX.
_mesos_upgrade_items()
{
	[[ $1 =~ ^[0-9]+$ ]] || return
	_mesos_upgrade_run complete -- items "$1" "$2"
}

# _mesos_upgrade_hosts SESSION PREFIX [excluded]: the hosts of SESSION's
# inventory (or those excluded now) that start with PREFIX.
_mesos_upgrade_hosts()
{
	[[ $1 =~ ^[0-9]+$ ]] || return
	_mesos_upgrade_run complete -- "${3:-hosts}" "$1" "$2"
}

# The minor series of the content, oldest first: its range from '--version'
# ("... Apache Mesos FROM to TO, ..."), then the hops of the plan across it,
# whose ids FROM-TO name every series in between (0.28-1.0 crosses majors).
_mesos_upgrade_versions()
{
	local v
	v=$(_mesos_upgrade_run --version) || return
	[[ $v =~ ([0-9]+\.[0-9]+)\ to\ ([0-9]+\.[0-9]+) ]] || return
	_mesos_upgrade_run plan --from "${BASH_REMATCH[1]}" --to "${BASH_REMATCH[2]}" --format json |
		grep -o '{"id":"[0-9][0-9.]*-[0-9][0-9.]*"' | sed 's/^{"id":"//; s/"$//' |
		tr '-' '\n' | awk '!seen[$0]++'
}

_mesos_upgrade()
{
	local commands="plan lint start sessions status mark note probe verify report resume close reopen edit"
	commands+=" exclude include complete"
	local globals="--journal --content --operator --help --version"
	local -A takes=(
		[--journal]=1 [--content]=1 [--operator]=1 [--from]=1 [--to]=1 [--format]=1
		[--title]=1 [--inventory]=1 [--note]=1 [--branch]=1 [--output]=1 [-o]=1
		[--master]=1 [--credentials]=1 [--cacert]=1 [--connect-timeout]=1 [--timeout]=1
		[--window-end]=1
	)
	local -a _mu_words=() _mu_globals=() pos=()
	local cword=0 k=-1 j w glue=""
	local cur prev="" opt="" cmd="" done_opts="" i=1

	COMPREPLY=()
	# Join again what COMP_WORDBREAKS split at '@' and ':' (an item done host
	# by host is HOP/ID@HOST, and a host name may hold a ':'): "0.27-0.28/x"
	# "@" "h" ":" "5051" is one word. '=' is handled below.
	for ((j = 0; j < ${#COMP_WORDS[@]}; j++)); do
		w=${COMP_WORDS[j]}
		if ((k >= 1)) && [[ $w =~ ^[@:]+$ || -n $glue ]]; then
			_mu_words[k]+=$w
			[[ $w =~ ^[@:]+$ ]] && glue=1 || glue=""
		else
			_mu_words[++k]=$w
			glue=""
		fi
		((j == COMP_CWORD)) && cword=$k
	done
	cur=${_mu_words[cword]}

	# "--format=j" arrives as "--format" "=" "j" (= is in COMP_WORDBREAKS)
	if [[ $cur == = ]]; then
		opt=${_mu_words[cword - 1]} cur=""
	elif ((cword >= 2)) && [[ ${_mu_words[cword - 1]} == = ]]; then
		opt=${_mu_words[cword - 2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*} cur=${cur#*=}
	elif ((cword >= 1)); then
		prev=${_mu_words[cword - 1]}
		[[ -n ${takes[$prev]-} ]] && opt=$prev
	fi

	# The words before the cursor: global options, the command, and its
	# positional arguments (options and their values left out).
	while ((i < cword)); do
		w=${_mu_words[i]}
		if [[ -z $done_opts && $w == -?* && $w != -- ]]; then
			local name=${w%%=*} value="" has_value=""
			if [[ $w == *=* ]]; then
				value=${w#*=} has_value=1
			elif [[ -n ${takes[$name]-} ]]; then
				if [[ ${_mu_words[i + 1]-} == = ]] && ((i + 2 < cword)); then
					value=${_mu_words[i + 2]} has_value=1
					((i += 2))
				elif ((i + 1 < cword)) && [[ ${_mu_words[i + 1]} != = ]]; then
					value=${_mu_words[i + 1]} has_value=1
					((i++))
				fi
			fi
			if [[ -z $cmd && -n $has_value && ($name == --journal || $name == --content) ]]; then
				# the word as typed: unquote it, without eval
				if [[ $value == \'*\' || $value == \"*\" ]]; then
					value=${value:1:${#value}-2}
				else
					value=${value//\\ / }
				fi
				# shellcheck disable=SC2088 # a literal ~/ left by the line
				[[ $value == "~/"* ]] && value=$HOME/${value#"~/"}
				_mu_globals+=("$name" "$value")
			fi
		elif [[ -z $done_opts && $w == -- && -n $cmd ]]; then
			done_opts=1
		elif [[ -z $cmd ]]; then
			cmd=$w
		else
			pos+=("$w")
		fi
		((i++))
	done

	# The value of an option
	if [[ -n $opt ]]; then
		case $opt in
		--format)
			case $cmd in
			plan) mapfile -t COMPREPLY < <(compgen -W "text md html json" -- "$cur") ;;
			status | sessions | probe | verify)
				mapfile -t COMPREPLY < <(compgen -W "text json" -- "$cur") ;;
			report) mapfile -t COMPREPLY < <(compgen -W "md html json text" -- "$cur") ;;
			esac
			;;
		--from | --to)
			mapfile -t COMPREPLY < <(compgen -W "$(_mesos_upgrade_versions)" -- "$cur")
			;;
		--journal | --output | -o | --inventory | --credentials | --cacert)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			;;
		--content)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -d -- "$cur")
			;;
		esac
		return 0
	fi

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$globals" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
		fi
		return 0
	fi

	local opts="" args=""
	case $cmd in
	plan) opts="--from --to --format" ;;
	start)
		opts="--from --to --title --inventory --master --discover --credentials --cacert"
		opts+=" --connect-timeout --timeout --window-end"
		;;
	probe | verify)
		opts="--format --connect-timeout --timeout"
		((${#pos[@]} == 0)) && args=sessions
		;;
	sessions) opts="--format" ;;
	status)
		opts="--format --hosts"
		((${#pos[@]} == 0)) && args=sessions
		;;
	report)
		opts="--format --output -o"
		((${#pos[@]} == 0)) && args=sessions
		;;
	resume) ((${#pos[@]} == 0)) && args=sessions ;;
	close | reopen)
		opts="--note"
		((${#pos[@]} == 0)) && args=sessions
		;;
	edit)
		opts="--title --inventory"
		((${#pos[@]} == 0)) && args=sessions
		;;
	exclude | include)
		[[ $cmd == exclude ]] && opts="--note --force"
		case ${#pos[@]} in
		0) args=sessions ;;
		1) args=$cmd ;;
		esac
		;;
	lint) ((${#pos[@]} == 0)) && args=dirs ;;
	complete)
		case ${#pos[@]} in
		0) args=kinds ;;
		1) args=sessions ;;
		esac
		;;
	mark)
		opts="--note --branch --force"
		case ${#pos[@]} in
		0) args=sessions ;;
		1) args=items ;;
		2) args=actions ;;
		esac
		;;
	note)
		case ${#pos[@]} in
		0) args=sessions ;;
		1) args=items ;;
		*) args=text ;;
		esac
		;;
	*) return 0 ;;
	esac

	if [[ -z $done_opts && $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts --help" -- "$cur")
		return 0
	fi
	case $args in
	sessions) mapfile -t COMPREPLY < <(_mesos_upgrade_sessions "$cur") ;;
	items)
		mapfile -t COMPREPLY < <(_mesos_upgrade_items "${pos[0]}" "$cur")
		# readline replaces only the end of the word: what follows its last
		# ':', or its last '@' and what follows (bash keeps '@' as a prefix)
		local brk="" lead
		[[ $COMP_WORDBREAKS == *@* ]] && brk+=@
		[[ $COMP_WORDBREAKS == *:* ]] && brk+=:
		if [[ -n $brk && $cur == *["$brk"]* ]]; then
			lead=${cur%"${cur##*["$brk"]}"}
			[[ $lead == *@ ]] && lead=${lead%@}
			COMPREPLY=("${COMPREPLY[@]#"$lead"}")
		fi
		;;
	actions) mapfile -t COMPREPLY < <(compgen -W "done skip undo" -- "$cur") ;;
	kinds) mapfile -t COMPREPLY < <(compgen -W "items hosts excluded sessions" -- "$cur") ;;
	exclude) mapfile -t COMPREPLY < <(_mesos_upgrade_hosts "${pos[0]}" "$cur") ;;
	include) mapfile -t COMPREPLY < <(_mesos_upgrade_hosts "${pos[0]}" "$cur" excluded) ;;
	dirs)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		;;
	text) ;;
	*) [[ -n $opts ]] && mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur") ;;
	esac
	return 0
}

complete -F _mesos_upgrade mesos-upgrade
