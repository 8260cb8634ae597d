/** Completion scripts for bash, zsh, fish and PowerShell, generated from the flattened tree. */

import type { CompletionNode } from "./tree.ts";

/** Shells ppx writes completions for. */
export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;
/** One supported shell. */
export type Shell = typeof SHELLS[number];

function shCase(nodes: CompletionNode[], pick: (n: CompletionNode) => string[], fn: string): string {
  const arms = nodes.map((n) => `    "${n.path}") echo "${pick(n).join(" ")}" ;;`).join("\n");
  return `${fn}() {\n  case "$1" in\n${arms}\n  esac\n}`;
}

function bash(nodes: CompletionNode[]): string {
  return `# bash completion for ppx. Load with: source <(ppx completions bash)
${shCase(nodes, (n) => n.subcommands, "_ppx_subs")}
${shCase(nodes, (n) => n.flags, "_ppx_flags")}
_ppx() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmdpath="" w i
  for ((i=1; i<COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    if [[ " $(_ppx_subs "$cmdpath") " == *" $w "* ]]; then cmdpath="\${cmdpath:+$cmdpath }$w"; fi
  done
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$(_ppx_flags "$cmdpath")" -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "$(_ppx_subs "$cmdpath")" -- "$cur") )
  fi
}
complete -o default -F _ppx ppx
`;
}

function zsh(nodes: CompletionNode[]): string {
  return `#compdef ppx
# zsh completion for ppx. Load with: source <(ppx completions zsh)
${shCase(nodes, (n) => n.subcommands, "_ppx_subs")}
${shCase(nodes, (n) => n.flags, "_ppx_flags")}
_ppx() {
  local cmdpath="" w i
  for ((i=2; i<CURRENT; i++)); do
    w="\${words[i]}"
    [[ "$w" == -* ]] && continue
    if [[ " $(_ppx_subs "$cmdpath") " == *" $w "* ]]; then cmdpath="\${cmdpath:+$cmdpath }$w"; fi
  done
  if [[ "\${words[CURRENT]}" == -* ]]; then
    compadd -- \${=$(_ppx_flags "$cmdpath")}
  else
    compadd -- \${=$(_ppx_subs "$cmdpath")}
  fi
}
compdef _ppx ppx
`;
}

function fish(nodes: CompletionNode[]): string {
  const arms = (pick: (n: CompletionNode) => string[]) =>
    nodes.map((n) => `    case '${n.path}'\n        printf '%s\\n' ${pick(n).map((w) => `'${w}'`).join(" ")}`)
      .join("\n");
  return `# fish completion for ppx. Load with: ppx completions fish | source
function __ppx_subs
    switch "$argv[1]"
${arms((n) => n.subcommands)}
    end
end
function __ppx_flags
    switch "$argv[1]"
${arms((n) => n.flags)}
    end
end
function __ppx_path
    set -l p ''
    for t in (commandline -opc)[2..-1]
        string match -q -- '-*' $t; and continue
        if contains -- $t (__ppx_subs "$p")
            set p (string trim -- "$p $t")
        end
    end
    echo $p
end
complete -c ppx -f -n 'not string match -q -- "-*" (commandline -ct)' -a '(__ppx_subs (__ppx_path))'
complete -c ppx -f -n 'string match -q -- "-*" (commandline -ct)' -a '(__ppx_flags (__ppx_path))'
`;
}

function powershell(nodes: CompletionNode[]): string {
  const table = (pick: (n: CompletionNode) => string[]) =>
    nodes.map((n) => `        '${n.path}' = @(${pick(n).map((w) => `'${w}'`).join(", ")})`).join("\n");
  return `# PowerShell completion for ppx. Load with: ppx completions powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName ppx -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $subs = @{
${table((n) => n.subcommands)}
    }
    $flags = @{
${table((n) => n.flags)}
    }
    $p = ''
    foreach ($e in ($commandAst.CommandElements | Select-Object -Skip 1)) {
        $t = $e.ToString()
        if ($t -eq $wordToComplete) { break }
        if ($t.StartsWith('-')) { continue }
        if ($subs[$p] -contains $t) { $p = "$p $t".Trim() }
    }
    $list = if ($wordToComplete.StartsWith('-')) { $flags[$p] } else { $subs[$p] }
    $list | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`;
}

/** The completion script for a shell. */
export function completionScript(shell: Shell, nodes: CompletionNode[]): string {
  switch (shell) {
    case "bash":
      return bash(nodes);
    case "zsh":
      return zsh(nodes);
    case "fish":
      return fish(nodes);
    case "powershell":
      return powershell(nodes);
  }
}
