import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { FRAME, dataFrames, frame, headerFrame, type Frame } from './archive';

/** A directory put in a backup under a name: `documents` (the documents store), `temporal` (the embedded Temporal's state). */
export interface FileRoot {
  name: string;
  dir: string;
  /** Only these file names at the top of `dir` (the Temporal state among other files); every file when absent. */
  only?: string[];
}

export interface FilesFact {
  root: string;
  files: number;
  bytes: number;
}

function walk(dir: string, only?: string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const visit = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile() && !entry.name.endsWith('.part')) out.push(child);
    }
  };
  if (only) return only.filter((name) => fs.existsSync(path.join(dir, name)));
  visit('');
  return out.sort();
}

/** Frames of every file under the roots, streamed file by file; `facts` is filled as they go. */
export async function* fileFrames(roots: readonly FileRoot[], facts: FilesFact[]): AsyncGenerator<Buffer> {
  for (const root of roots) {
    const fact = { root: root.name, files: 0, bytes: 0 };
    facts.push(fact);
    for (const rel of walk(root.dir, root.only)) {
      yield headerFrame({ root: root.name, path: rel.split(path.sep).join('/') });
      for await (const chunk of fs.createReadStream(path.join(root.dir, rel)) as AsyncIterable<Buffer>) {
        fact.bytes += chunk.length;
        yield* dataFrames(chunk);
      }
      fact.files++;
      yield frame(FRAME.end);
    }
  }
}

/** Writes the files of a backup's frames under `target/<root>/…` and answers what it wrote per root. */
export async function extractFiles(frames: AsyncIterable<Frame>, target: string): Promise<FilesFact[]> {
  const facts = new Map<string, FilesFact>();
  let out: fs.WriteStream | undefined;
  let fact: FilesFact | undefined;
  for await (const f of frames) {
    if (f.type === FRAME.header) {
      const root = String(f.header.root);
      const rel = String(f.header.path);
      const file = path.resolve(target, root, rel);
      if (!file.startsWith(path.resolve(target) + path.sep) || /(^|\/)\.\.(\/|$)/.test(rel)) throw new Error(`backup archive: a path outside the target (${rel})`);
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      out = fs.createWriteStream(file, { mode: 0o600 });
      fact = facts.get(root) ?? { root, files: 0, bytes: 0 };
      facts.set(root, fact);
    } else if (f.type === FRAME.data) {
      if (!out || !fact) throw new Error('backup archive: data before any file');
      fact.bytes += f.data.length;
      if (!out.write(f.data)) await new Promise<void>((resolve) => out!.once('drain', () => resolve()));
    } else {
      if (!out || !fact) throw new Error('backup archive: end before any file');
      out.end();
      await finished(out);
      fact.files++;
      out = undefined;
    }
  }
  return [...facts.values()];
}
