import type { PathedFile } from "./zipFiles";

/** Files of a drop, folders walked (the browser gives folders only as FileSystemEntry trees). */
export async function filesFromDrop(items: DataTransferItemList): Promise<PathedFile[]> {
  const entries = [...items].map((i) => i.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  const out: PathedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      out.push({ path, file });
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most ~100 entries a call: read until it returns none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
        reader.readEntries(resolve, reject),
      );
      if (batch.length === 0) break;
      for (const e of batch) await walk(e, path);
    }
  };
  for (const e of entries) await walk(e, "");
  return out;
}

/** Files picked with `<input webkitdirectory>` (paths from webkitRelativePath) or plain picks. */
export const filesFromInput = (list: FileList): PathedFile[] =>
  [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
