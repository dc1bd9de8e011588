//! Names `shell init --cmd` must not take: a function named like a builtin or keyword
//! either breaks the script (`function if`) or silently replaces the shell's own command
//! (`cd`, `exec`, `set`, `source`, `test`) in every later line the user types.
//!
//! The lists are what `compgen -b; compgen -k` (bash 5.2), `${(k)builtins} ${(k)reswords}`
//! (zsh 5.9 -f) and `builtin -n` (fish 3.6) report, nushell's built-in commands, elvish's builtins, plus PowerShell 7's keywords and the
//! default aliases it has on every platform (an alias wins over a function there).
//! Entries that are not plain identifiers (`.`, `[`, `{`) are refused by the name rule.

use super::Shell;

const BASH: &str = "\
    alias bg bind break builtin caller case cd command compgen complete compopt continue \
    coproc declare dirs disown do done echo elif else enable esac eval exec exit export \
    false fc fg fi for function getopts hash help history if in jobs kill let local \
    logout mapfile popd printf pushd pwd read readarray readonly return select set shift \
    shopt source suspend test then time times trap true type typeset ulimit umask \
    unalias unset until wait while";

const ZSH: &str = "\
    alias autoload bg bindkey break builtin bye case cd chdir command compadd \
    comparguments compcall compctl compdescribe compfiles compgroups compquote compset \
    comptags comptry compvalues continue coproc declare dirs disable disown do done echo \
    echotc echoti elif else emulate enable end esac eval exec exit export false fc fg fi \
    float for foreach function functions getln getopts hash history if integer jobs kill \
    let limit local log logout nocorrect noglob popd print printf private pushd pushln \
    pwd r read readonly rehash repeat return sched select set setopt shift source \
    suspend test then time times trap true ttyctl type typeset ulimit umask unalias \
    unfunction unhash unlimit unset unsetopt until vared wait whence where which while \
    zcompile zformat zle zmodload zparseopts zregexparse zstyle";

const FISH: &str = "\
    _ abbr and argparse begin bg bind block break breakpoint builtin case cd command \
    commandline complete contains continue count disown echo else emit end eval exec \
    exit false fg for function functions history if jobs math not or path printf pwd \
    random read realpath return set set_color source status string switch test time true \
    type ulimit wait while";

/// nushell 0.108's built-in commands and keywords (`scope commands`, one-word names): a
/// `def` of the same name replaces the built-in for the rest of the session.
const NUSHELL: &str = "\
    alias all ansi any append ast attr bits break bytes cal cd char chunk-by chunks \
    clear collect columns commandline compact complete config const continue cp date \
    debug decode def default describe detect do drop du each echo encode enumerate \
    error every exec exit explain explore export export-env extern fill filter find \
    first flatten for format from generate get glob grid group-by hash headers help \
    hide hide-env histogram history http if ignore input insert inspect interleave into \
    is-admin is-empty is-not-empty is-terminal items job join keybindings kill last \
    length let let-env lines load-env loop ls match math merge metadata mkdir mktemp \
    module move mut mv nu-check nu-highlight open overlay panic par-each parse path \
    plugin port prepend print ps query random reduce reject rename return reverse rm \
    roll rotate run-external save schema scope select seq shuffle skip sleep slice sort \
    sort-by source source-env split start stor str sys table take tee term timeit to \
    touch transpose try tutor ulimit uname uniq uniq-by update upsert url use values \
    version view watch where which while whoami window with-env wrap zip";

/// elvish 0.19's builtin functions and special commands: a function of the same name would
/// shadow the builtin in every later line.
const ELVISH: &str = "\
    all assoc base benchmark bool break call cd compact compare conj constantly \
    continue count defer deprecate dissoc drop each eawk echo eq eval exact-num exec \
    exit external fail fg float64 from-json from-lines from-terminated get-env has-env \
    has-external has-key has-value inexact-num is keys kind-of make-map multi-error nop \
    not not-eq ns num one only-bytes only-values order peach pprint print printf put \
    rand randint range read-line read-upto repeat repr resolve return run-parallel \
    search-external set-env show sleep slurp src styled styled-segment take tilde-abbr \
    time to-json to-lines to-string to-terminated unset-env use-mod var set tmp del fn \
    use and or coalesce if while for try pragma wcswidth";

/// Python's keywords and the aliases xonsh 0.13 defines (an alias wins over a command).
const XONSH: &str = "\
    False None True and as assert async await break class continue def del elif else \
    except finally for from global if import in is lambda nonlocal not or pass raise \
    return try while with yield cd pushd popd dirs jobs fg bg disown EOF exit quit exec \
    xexec source source-bash source-zsh source-cmd source-foreign history trace timeit \
    xonfig scp-resume showcmd ipynb completer xpip which xontrib xonsh-reset ls grep egrep \
    fgrep";

/// Keywords, then default aliases. Compared case-insensitively, as PowerShell resolves
/// commands.
const POWERSHELL: &str = "\
    begin break catch class clean configuration continue data define do dynamicparam \
    else elseif end enum exit filter finally for foreach from function hidden if in \
    inlinescript param parallel process return sequence static switch throw trap try \
    until using var while workflow cd chdir clc clear clhy cli clp cls clv cnsn compare \
    copy cpi cpp cvpa dbp del dir dnsn ebp echo epal epcsv erase etsn exsn fc fhx fl ft \
    fw gal gbp gc gcb gci gcm gcs gdr gerr ghy gi gin gjb gl gm gmo gp gps gpv group gsn \
    gsv gtz gu gv h history icm iex ihy ii ipal ipcsv ipmo irm iwr md measure mi move mp \
    nal ndr ni nmo nsn nv ogv oh popd pushd pwd r rbp rcjb rcsn rd rdr ren ri rjb rmo \
    rni rnp rp rsn rv rvpa sajb sal saps sasv sbp scb select set shcm si sl sls sp spjb \
    spps spsv start stz sv tee type where wjb write";

/// `Err` with the fix when `name` is a builtin, keyword or (PowerShell) alias of `shell`.
pub fn check(shell: Shell, name: &str) -> Result<(), String> {
    let (list, what) = match shell {
        Shell::Bash => (BASH, "a bash builtin or keyword"),
        Shell::Zsh => (ZSH, "a zsh builtin or reserved word"),
        Shell::Fish => (FISH, "a fish builtin or keyword"),
        Shell::Powershell => (POWERSHELL, "a PowerShell keyword or alias"),
        Shell::Nushell => (NUSHELL, "a nushell built-in command or keyword"),
        Shell::Elvish => (ELVISH, "an elvish builtin or special command"),
        Shell::Xonsh => (XONSH, "a Python keyword or xonsh alias"),
    };
    let taken = list.split_whitespace().any(|w| match shell {
        Shell::Powershell => w.eq_ignore_ascii_case(name),
        _ => w == name,
    });
    if taken {
        Err(format!(
            "--cmd '{name}' is {what}: choose a name of your own (e.g. --cmd awsl)"
        ))
    } else {
        Ok(())
    }
}
