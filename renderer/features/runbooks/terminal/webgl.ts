// Whether xterm's WebGL renderer will be faster here. Without a GPU, Chromium
// emulates WebGL on the CPU (SwiftShader, llvmpipe), and there the DOM
// renderer is several times faster (bench/runbook-output.bench.ts).
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export function hasHardwareWebgl(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !SOFTWARE.test(renderer);
  } catch {
    return false;
  }
}
