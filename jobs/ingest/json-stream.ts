/**
 * Splits a JSON array document into its elements as text, chunk by chunk, so that a file of
 * any size is read one element at a time. Each element keeps the line it starts on.
 */

export interface JsonElement {
  text: string;
  line: number;
  /** Set for an element cut off by the end of the input. */
  error?: string;
}

export class JsonStreamError extends Error {}

const MAX_ELEMENT_CHARS = 64 * 1024 * 1024;

export class JsonArraySplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private finished = false;
  private element = "";
  private elementLine = 0;
  private line = 1;

  push(s: string, out: JsonElement[]): void {
    let start = -1; // start of the current element's text within this chunk
    if (this.elementLine > 0) start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (!this.started) {
        if (c === 91) {
          this.started = true;
          this.depth = 1;
        } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xfeff) {
          throw new JsonStreamError(`line ${this.line}: expected a JSON array ([ … ])`);
        }
        continue;
      }
      if (this.finished) {
        if (c !== 32 && c !== 9 && c !== 10 && c !== 13) throw new JsonStreamError(`line ${this.line}: text after the end of the JSON array`);
        continue;
      }
      if (this.depth === 1 && (c === 44 || c === 93)) {
        if (this.elementLine > 0) {
          this.element += s.slice(start, i);
          out.push({ text: this.element, line: this.elementLine });
          this.element = "";
          this.elementLine = 0;
          start = -1;
        }
        if (c === 93) {
          this.finished = true;
          this.depth = 0;
        }
        continue;
      }
      if (this.depth === 1 && this.elementLine === 0) {
        if (c === 32 || c === 9 || c === 10 || c === 13) continue;
        this.elementLine = this.line;
        start = i;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) this.depth--;
    }
    if (this.elementLine > 0 && start >= 0) {
      this.element += s.slice(start);
      if (this.element.length > MAX_ELEMENT_CHARS) throw new JsonStreamError(`line ${this.elementLine}: an element longer than 64 MB`);
    }
  }

  /** Ends the input; an element cut off by the end (a truncated file) is returned as an error. */
  end(out: JsonElement[]): void {
    if (!this.started) throw new JsonStreamError("the input is empty: expected a JSON array");
    if (!this.finished && this.elementLine > 0) {
      out.push({ text: this.element, line: this.elementLine, error: "the input ends inside this element (was the file cut off?)" });
    }
  }
}
