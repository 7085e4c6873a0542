/**
 * Is it a PDF, and how many pages? Checked before the file is kept or anyone's viewer opens it:
 * the signature, then a real parse (pdf.js, without eval) that must succeed and count the pages.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfCheck = { ok: true; pages: number } | { ok: false; reason: 'not-pdf' | 'unreadable' | 'too-many-pages' };

export async function checkPdf(data: Uint8Array, maxPages: number): Promise<PdfCheck> {
  if (data.length < 8 || Buffer.from(data.subarray(0, 5)).toString('latin1') !== '%PDF-')
    return { ok: false, reason: 'not-pdf' };
  try {
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    const document = await getDocument({
      data: data.slice(),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
    const pages = document.numPages;
    await document.destroy();
    if (pages < 1) return { ok: false, reason: 'unreadable' };
    return pages > maxPages ? { ok: false, reason: 'too-many-pages' } : { ok: true, pages };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}
