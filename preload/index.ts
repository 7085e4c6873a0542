import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_API_GLOBAL } from '../common/desktop-api';
import { createDesktopApi } from './desktop-api';

// The arrow keeps ipcRenderer itself out of the page's reach: only the five methods cross over.
contextBridge.exposeInMainWorld(
  DESKTOP_API_GLOBAL,
  createDesktopApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
