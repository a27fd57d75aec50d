// The terminal pane of a running step: xterm.js with the fit addon, the WebGL
// renderer where the machine has one (the DOM renderer otherwise), search,
// copy and clear. Output comes through TerminalFeed, which acknowledges what
// xterm has written so the host pauses a runaway command. This is the one file
// that knows xterm (with webgl.ts, which picks the renderer).
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../i18n';
import { createLogger } from '../../../log';
import { ackExec, attachExec, type ExecEnded } from '../exec-stream';
import { messageTasks, TerminalFeed } from './terminal-feed';
import { hasHardwareWebgl } from './webgl';

const log = createLogger('terminal');
/** Lines kept for scrolling back; older ones go (the record keeps the hash of everything). */
const SCROLLBACK = 5_000;
/** Lines mirrored as text for screen readers and tests. */
const MIRROR_LINES = 200;
const MIRROR_EVERY_MS = 250;

export interface TerminalPaneProps {
  readonly execId: string;
  readonly title: string;
  readonly onEnded?: (ended: ExecEnded) => void;
}

/** The last lines of the terminal as plain text. */
function tailText(terminal: Terminal): string {
  const buffer = terminal.buffer.active;
  const end = buffer.baseY + buffer.cursorY + 1;
  const lines: string[] = [];
  for (let row = Math.max(0, end - MIRROR_LINES); row < end; row += 1) {
    lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
  }
  return lines.join('\n').replace(/\n+$/, '');
}

export function TerminalPane({ execId, title, onEnded }: TerminalPaneProps) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const terminalRef = useRef<Terminal | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const onEndedRef = useRef(onEnded);
  const [mirror, setMirror] = useState('');
  const [written, setWritten] = useState(0);
  const [query, setQuery] = useState('');
  const [isCopied, setIsCopied] = useState(false);

  useEffect(() => {
    onEndedRef.current = onEnded;
  }, [onEnded]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const terminal = new Terminal({
      convertEol: true,
      scrollback: SCROLLBACK,
      disableStdin: true,
      fontSize: 13,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    terminal.loadAddon(fit);
    terminal.loadAddon(search);
    terminal.open(element);
    try {
      if (!hasHardwareWebgl()) throw new Error('no hardware WebGL');
      const webgl = new WebglAddon();
      // A lost GPU context falls back to the DOM renderer rather than a blank pane.
      webgl.onContextLoss(() => webgl.dispose());
      terminal.loadAddon(webgl);
    } catch (error) {
      log.info('WebGL renderer unavailable; using the DOM renderer', error instanceof Error ? error.message : error);
    }
    fit.fit();
    terminalRef.current = terminal;
    searchRef.current = search;

    let mirrorTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshMirror = () => {
      if (mirrorTimer !== null) return;
      mirrorTimer = setTimeout(() => {
        mirrorTimer = null;
        setMirror(tailText(terminal));
        setWritten(feed.bytesWritten);
      }, MIRROR_EVERY_MS);
    };
    const tasks = messageTasks();
    const feed = new TerminalFeed(
      {
        write: (data, callback) =>
          terminal.write(data, () => {
            callback();
            refreshMirror();
          }),
      },
      (bytes) => ackExec(execId, bytes),
      tasks.next,
    );
    const detach = attachExec(execId, {
      onData: (bytes) => feed.write(bytes),
      onEnded: (ended) => {
        // Once the output is in, so the last lines are in the mirror when the end shows.
        feed.flush(() => {
          setMirror(tailText(terminal));
          setWritten(feed.bytesWritten);
          onEndedRef.current?.(ended);
        });
      },
    });
    const resize = new ResizeObserver(() => fit.fit());
    resize.observe(element);
    return () => {
      detach();
      resize.disconnect();
      if (mirrorTimer !== null) clearTimeout(mirrorTimer);
      tasks.close();
      terminal.dispose();
      terminalRef.current = null;
      searchRef.current = null;
    };
  }, [execId]);

  const copy = async () => {
    const terminal = terminalRef.current;
    if (!terminal) return;
    const selected = terminal.getSelection();
    let text = selected;
    if (!text) {
      terminal.selectAll();
      text = terminal.getSelection();
      terminal.clearSelection();
    }
    await navigator.clipboard.writeText(text);
    setIsCopied(true);
  };

  return (
    <section
      className="terminal-pane"
      aria-label={t('runbooks.terminal.label', { step: title })}
      data-testid="terminal-pane"
      data-exec-id={execId}
      data-bytes-written={written}
    >
      <div className="terminal-tools">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            if (query) searchRef.current?.findNext(query);
          }}
        >
          <input
            type="search"
            value={query}
            aria-label={t('runbooks.terminal.search')}
            placeholder={t('runbooks.terminal.search')}
            data-testid="terminal-search"
            onChange={(event) => setQuery(event.target.value)}
          />
          <button type="submit" data-testid="terminal-search-next">
            {t('runbooks.terminal.next')}
          </button>
        </form>
        <button type="button" data-testid="terminal-copy" onClick={() => void copy()}>
          {isCopied ? t('runbooks.terminal.copied') : t('runbooks.terminal.copy')}
        </button>
        <button
          type="button"
          data-testid="terminal-clear"
          onClick={() => {
            terminalRef.current?.clear();
            terminalRef.current?.write('\x1b[2K\r', () =>
              setMirror(terminalRef.current ? tailText(terminalRef.current) : ''),
            );
          }}
        >
          {t('runbooks.terminal.clear')}
        </button>
      </div>
      <div className="terminal-host" ref={host} />
      <pre className="terminal-mirror" data-testid="terminal-text" aria-live="off">
        {mirror}
      </pre>
    </section>
  );
}
