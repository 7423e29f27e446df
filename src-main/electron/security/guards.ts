import type { Session, WebContents } from 'electron';
import { isAllowedNavigation } from './navigation-policy';
import { devicePermissionDecision, permissionCheckDecision, permissionRequestDecision } from './permission-policy';
import { requestDecision } from './request-policy';
import { windowOpenDecision } from './window-open-policy';

export type GuardLog = (line: string) => void;

type NavigationEvent = { url?: string; preventDefault(): void };

/** Binds the pure decisions to one webContents. Applied to every webContents the app creates. */
export function guardWebContents(wc: WebContents, log: GuardLog = () => undefined): void {
  const onNavigation = (kind: string) => (event: NavigationEvent, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl;
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    log(`NAVIGATION_DENIED: kind=${kind}, url=${String(url).slice(0, 200)}`);
  };
  wc.on('will-navigate', onNavigation('will-navigate'));
  wc.on('will-redirect', onNavigation('will-redirect'));
  wc.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('WEBVIEW_DENIED');
  });
  wc.setWindowOpenHandler((details) => {
    log(`WINDOW_OPEN_DENIED: url=${String(details.url).slice(0, 200)}`);
    return windowOpenDecision(details);
  });
}

/** Binds the pure decisions to the session: permissions and the request filter. */
export function guardSession(ses: Session, opts: { allowDevTools: boolean; log?: GuardLog }): void {
  const log = opts.log ?? (() => undefined);
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    log(`PERMISSION_DENIED: permission=${permission}`);
    callback(permissionRequestDecision(permission));
  });
  ses.setPermissionCheckHandler((_wc, permission) => permissionCheckDecision(permission));
  ses.setDevicePermissionHandler((details) => devicePermissionDecision(details));
  ses.webRequest.onBeforeRequest((details, callback) => {
    const decision = requestDecision(details.url, { allowDevTools: opts.allowDevTools });
    if (decision.cancel) log(`REQUEST_CANCELLED: url=${String(details.url).slice(0, 200)}`);
    callback(decision);
  });
}
