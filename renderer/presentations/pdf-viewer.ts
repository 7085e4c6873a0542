/**
 * Renders a page of a PDF into a canvas with pdf.js, loaded on first use (most meetings never
 * present). Scripts inside PDFs are never run: no eval, no scripting.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';

export class PdfViewer {
  private constructor(private readonly document: PDFDocumentProxy) {}

  static async open(data: ArrayBuffer): Promise<PdfViewer> {
    const pdfjs = await import('pdfjs-dist');
    const { default: workerUrl } = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    const document = await pdfjs.getDocument({ data, isEvalSupported: false, enableXfa: false }).promise;
    return new PdfViewer(document);
  }

  get pages(): number {
    return this.document.numPages;
  }

  /** Draws the page as large as fits `width` × `height` (CSS pixels), sharp on dense screens. */
  async render(pageNumber: number, canvas: HTMLCanvasElement, width: number, height: number): Promise<void> {
    const page = await this.document.getPage(pageNumber);
    const unscaled = page.getViewport({ scale: 1 });
    const scale = Math.min(width / unscaled.width, height / unscaled.height);
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: scale * ratio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
    await page.render({ canvas, viewport }).promise;
  }

  destroy(): void {
    void this.document.destroy();
  }
}
