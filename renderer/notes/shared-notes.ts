/**
 * The room's shared notes, framework-free: a Yjs document synced with the server (y-websocket
 * protocol), shown in a CodeMirror editor with everyone's cursor and name. Live objects stay here.
 */
import { EditorState, Compartment } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { minimalSetup } from 'codemirror';
import { yCollab } from 'y-codemirror.next';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface NotesAccess {
  /** ws(s)://<server>/notes */
  url: string;
  roomId: string;
  /** The session token of our join: the server lets room participants only. */
  token: string;
  user: { name: string; color: string };
}

export type NotesStatus = 'connecting' | 'connected' | 'disconnected';

export class SharedNotes {
  private readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  private readonly editable = new Compartment();
  private view: EditorView | null = null;

  constructor(access: NotesAccess, onStatus: (status: NotesStatus) => void) {
    this.provider = new WebsocketProvider(access.url, access.roomId, this.doc, { params: { token: access.token } });
    this.provider.awareness.setLocalStateField('user', { ...access.user, colorLight: `${access.user.color}33` });
    this.provider.on('status', ({ status }: { status: NotesStatus }) => onStatus(status));
  }

  get text(): string {
    return this.doc.getText('notes').toString();
  }

  mount(parent: HTMLElement, readOnly: boolean, label: string): void {
    const ytext = this.doc.getText('notes');
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: ytext.toString(),
        extensions: [
          minimalSetup,
          keymap.of([]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          this.editable.of(this.editability(readOnly)),
          yCollab(ytext, this.provider.awareness),
        ],
      }),
    });
  }

  setReadOnly(readOnly: boolean): void {
    this.view?.dispatch({ effects: this.editable.reconfigure(this.editability(readOnly)) });
  }

  destroy(): void {
    this.view?.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }

  private editability(readOnly: boolean) {
    return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
  }
}

/** A colour per name, stable across sessions, readable on white. */
export function colorFor(name: string): string {
  const palette = ['#000091', '#c9191e', '#18753c', '#b34000', '#6e445a', '#0063cb', '#7d4e5b', '#465f9d'];
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length]!;
}
