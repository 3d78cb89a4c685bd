/**
 * Inside a shadow root: the page's CSS cannot reach in, and ours cannot leak out. The host element
 * itself is in the page, so its reset is !important (important shadow styles beat the page's).
 */
export const styles = `
:host { all: initial !important; position: fixed !important; right: 20px !important; bottom: 20px !important; z-index: 2147483000 !important; display: block !important; }
.root { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
* { box-sizing: border-box; }
button { font: inherit; cursor: pointer; }
.launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; background: #0b5cad; color: #fff; display: grid; place-items: center; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.panel { display: none; position: absolute; right: 0; bottom: 68px; width: 340px; max-width: calc(100vw - 40px); height: 460px; max-height: calc(100vh - 100px); background: #fff; border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.25); flex-direction: column; overflow: hidden; }
.panel.open { display: flex; }
.header { background: #0b5cad; color: #fff; padding: 12px 14px; display: flex; justify-content: space-between; align-items: center; }
.header .close { background: transparent; border: 0; color: #fff; font-size: 18px; }
.messages { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f6f8fa; }
.msg { max-width: 80%; padding: 8px 10px; border-radius: 10px; white-space: pre-wrap; word-wrap: break-word; }
.msg.visitor { align-self: flex-end; background: #0b5cad; color: #fff; }
.msg.agent, .msg.proactive { align-self: flex-start; background: #fff; border: 1px solid #d0d7de; }
.msg.pending { opacity: .6; }
.who { display: block; font-size: 11px; opacity: .7; margin-bottom: 2px; }
.status { font-size: 12px; color: #57606a; padding: 4px 12px; min-height: 22px; }
.composer { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #d0d7de; }
.composer textarea { flex: 1; resize: none; height: 40px; padding: 8px; border: 1px solid #d0d7de; border-radius: 8px; font: inherit; }
.composer button, .leave button { border: 0; border-radius: 8px; background: #0b5cad; color: #fff; padding: 0 14px; }
.leave { display: none; flex-direction: column; gap: 6px; padding: 10px; border-top: 1px solid #d0d7de; }
.leave.open { display: flex; }
.leave input, .leave textarea { padding: 8px; border: 1px solid #d0d7de; border-radius: 8px; font: inherit; }
.leave button { padding: 8px; }
.cobrowse { padding: 0 12px 6px; }
.link { background: none; border: 0; color: #0b5cad; text-decoration: underline; padding: 0; font-size: 12px; }
`;
