import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The daily import's drop folder (ADR 0050): each organisation's files under its own area of the server,
 * `<dataDir>/school-drop/<organisation id>/<folder>`, the folder as the head of the student office set it (relative,
 * checked by the settings' schema). The day's file is the newest `.xlsx` whose content (sha256) was never imported.
 */
export const dropRoot = (dataDir: string, tenantId: string): string => path.resolve(dataDir, 'school-drop', tenantId);

/** The folder of an organisation's settings, refused when it would leave the organisation's area. */
export function dropFolderPath(dataDir: string, tenantId: string, folder: string): string {
  const root = dropRoot(dataDir, tenantId);
  const resolved = path.resolve(root, folder);
  if (resolved !== root && !resolved.startsWith(`${root}${path.sep}`)) throw new Error('The drop folder leaves the organisation\'s area.');
  return resolved;
}

export interface DroppedFile { name: string; buffer: Buffer; sha256: string }

export class DropFolderError extends Error {
  constructor(readonly code: 'folder-unreadable' | 'no-file') {
    super(code);
    this.name = 'DropFolderError';
  }
}

/** The newest `.xlsx` of the folder not yet imported (by content), or a DropFolderError saying why there is none. */
export async function pickDroppedFile(folder: string, alreadyImported: (sha256: string) => Promise<boolean>): Promise<DroppedFile> {
  let names: string[];
  try {
    names = (await fs.readdir(folder)).filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.'));
  } catch {
    throw new DropFolderError('folder-unreadable');
  }
  const dated = await Promise.all(names.map(async (name) => ({ name, mtime: (await fs.stat(path.join(folder, name))).mtimeMs })));
  dated.sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
  for (const { name } of dated) {
    const buffer = await fs.readFile(path.join(folder, name));
    const sha256 = crypto.createHash('sha256').update(buffer).digest('hex');
    if (!(await alreadyImported(sha256))) return { name, buffer, sha256 };
  }
  throw new DropFolderError('no-file');
}
