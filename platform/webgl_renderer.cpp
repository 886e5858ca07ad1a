// WebGlRenderer: one program (position, uv, colour), one vertex array, one pair of buffers
// refilled per draw list; state set at the start of every frame, never read.
#include "webgl_renderer.h"

#include <GLES3/gl3.h>
#include <cstdint>
#include <cstdio>

namespace bp {
namespace {

const char* kVertex = R"(#version 300 es
uniform mat4 proj;
uniform vec2 white;  // the font atlas' white pixel
uniform bool font;   // the bound texture is the font atlas
in vec2 pos;
in vec2 uv;
in vec4 col;
out vec2 frag_uv;
out vec4 frag_col;
flat out int solid;
void main() {
    frag_uv = uv;
    frag_col = col;
    solid = font && uv == white ? 1 : 0;
    gl_Position = proj * vec4(pos, 0.0, 1.0);
})";

const char* kFragment = R"(#version 300 es
precision mediump float;
uniform sampler2D tex;
in vec2 frag_uv;
in vec4 frag_col;
flat in int solid;
out vec4 out_col;
void main() {
    out_col = solid == 1 ? frag_col : frag_col * texture(tex, frag_uv);
})";

unsigned compile(unsigned type, const char* source) {
    const unsigned s = glCreateShader(type);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    int ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        std::fprintf(stderr, "WebGlRenderer: shader: %s\n", log);
    }
    return s;
}

}  // namespace

bool WebGlRenderer::init() {
    const unsigned vs = compile(GL_VERTEX_SHADER, kVertex), fs = compile(GL_FRAGMENT_SHADER, kFragment);
    program_ = glCreateProgram();
    glAttachShader(program_, vs);
    glAttachShader(program_, fs);
    glBindAttribLocation(program_, 0, "pos");
    glBindAttribLocation(program_, 1, "uv");
    glBindAttribLocation(program_, 2, "col");
    glLinkProgram(program_);
    glDeleteShader(vs);
    glDeleteShader(fs);
    int ok = 0;
    glGetProgramiv(program_, GL_LINK_STATUS, &ok);
    if (!ok) {
        std::fprintf(stderr, "WebGlRenderer: the program did not link\n");
        return false;
    }
    proj_ = glGetUniformLocation(program_, "proj");
    texture_ = glGetUniformLocation(program_, "tex");
    white_ = glGetUniformLocation(program_, "white");
    font_ = glGetUniformLocation(program_, "font");
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glGenBuffers(1, &ebo_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ebo_);  // part of the vertex array's state
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, col)));
    glBindVertexArray(0);
    return true;
}

WebGlRenderer::~WebGlRenderer() {
    if (ebo_) glDeleteBuffers(1, &ebo_);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (program_) glDeleteProgram(program_);
}

void WebGlRenderer::render(const ImDrawData& d, int fb_w, int fb_h) {
    if (fb_w <= 0 || fb_h <= 0 || d.CmdListsCount == 0) return;
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glViewport(0, 0, fb_w, fb_h);
    const float l = d.DisplayPos.x, r = d.DisplayPos.x + d.DisplaySize.x;
    const float t = d.DisplayPos.y, b = d.DisplayPos.y + d.DisplaySize.y;
    const float proj[16] = {2 / (r - l), 0, 0, 0, 0, 2 / (t - b), 0, 0, 0, 0, -1, 0, (r + l) / (l - r), (t + b) / (b - t), 0, 1};
    glUseProgram(program_);
    glUniformMatrix4fv(proj_, 1, GL_FALSE, proj);
    glUniform1i(texture_, 0);
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    glUniform2f(white_, white.x, white.y);
    const ImTextureID font = ImGui::GetIO().Fonts->TexID;
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vao_);
    const ImVec2 off = d.DisplayPos, s = d.FramebufferScale;
    ImTextureID bound = nullptr;
    for (int n = 0; n < d.CmdListsCount; ++n) {
        const ImDrawList& list = *d.CmdLists[n];
        glBindBuffer(GL_ARRAY_BUFFER, vbo_);
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(list.VtxBuffer.Size) * GLsizeiptr(sizeof(ImDrawVert)), list.VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(list.IdxBuffer.Size) * GLsizeiptr(sizeof(ImDrawIdx)), list.IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback || cmd.ElemCount == 0) continue;  // the app adds no callbacks (Damage redraws whole if it did)
            const ImVec2 lo((cmd.ClipRect.x - off.x) * s.x, (cmd.ClipRect.y - off.y) * s.y);
            const ImVec2 hi((cmd.ClipRect.z - off.x) * s.x, (cmd.ClipRect.w - off.y) * s.y);
            if (hi.x <= lo.x || hi.y <= lo.y) continue;
            // The same integer arithmetic as the OpenGL3 backend (Damage's scissor_pixels relies on it).
            glScissor(int(lo.x), int(float(fb_h) - hi.y), int(hi.x - lo.x), int(hi.y - lo.y));
            if (cmd.TextureId != bound) {
                bound = cmd.TextureId;
                glBindTexture(GL_TEXTURE_2D, GLuint(reinterpret_cast<std::intptr_t>(bound)));
                glUniform1i(font_, bound == font ? 1 : 0);
            }
            glDrawElements(GL_TRIANGLES, GLsizei(cmd.ElemCount), sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           reinterpret_cast<void*>(std::intptr_t(cmd.IdxOffset * sizeof(ImDrawIdx))));
        }
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
}

}  // namespace bp
