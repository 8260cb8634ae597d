/**
 * The argv of the `ppx` invocation in an example's command line, read the way a POSIX shell splits words
 * (quotes, backslash escapes), so the examples test and the output capture run exactly what a user pastes.
 * The invocation may sit inside `$(...)` or `<(...)`, and ends at a pipe, a redirection, `;`, `&&`, `)`
 * or a comment. `<id>`-style placeholders are kept as words.
 *
 * @module
 */

/** `ppx` starting a word: at the start, after a space, or after `(` of `$(` / `<(`. */
const START = /(?:^|[\s(])ppx(?=\s|$)/;

/** True when the line runs `ppx` somewhere (whether or not its quoting is sound). */
export function runsPpx(line: string): boolean {
  return START.test(line);
}

/** The words after `ppx`, or undefined when the line runs no `ppx`; throws on an unclosed quote. */
export function exampleArgv(line: string): string[] | undefined {
  const match = START.exec(line);
  if (!match) return undefined;
  const insideDoubleQuotes = (line.slice(0, match.index).split('"').length - 1) % 2 === 1;
  let i = match.index + match[0].length;
  const words: string[] = [];
  let word: string | undefined;
  const end = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t") {
      end();
      i++;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new Error(`unclosed ' in: ${line}`);
      word = (word ?? "") + line.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      if (insideDoubleQuotes && word === undefined) break;
      let text = "";
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) i++;
        text += line[i++];
      }
      if (i >= line.length) throw new Error(`unclosed " in: ${line}`);
      word = (word ?? "") + text;
      i++;
    } else if (c === "\\" && i + 1 < line.length) {
      word = (word ?? "") + line[i + 1];
      i += 2;
    } else if (c === "<" && word === undefined && /^<[\w.-]+>/.test(line.slice(i))) {
      const placeholder = /^<[\w.-]+>/.exec(line.slice(i))![0];
      word = placeholder;
      i += placeholder.length;
    } else if ("|;&)><".includes(c) || (c === "#" && word === undefined)) {
      break;
    } else {
      word = (word ?? "") + c;
      i++;
    }
  }
  end();
  return words;
}
