// Downloads made by extension pages: a Blob behind a temporary <a download>, nothing uploaded anywhere.

/** A local date for file names, YYYY-MM-DD. */
export function fileDateStamp(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function downloadBlob(fileName: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The browser reads the URL after this task: revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** CSV with a byte-order mark, so spreadsheet programs read the UTF-8 names and text correctly. */
export const downloadCsvFile = (fileName: string, csv: string) =>
  downloadBlob(fileName, new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
