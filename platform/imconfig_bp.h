// The project's Dear ImGui configuration (IMGUI_USER_CONFIG), given to every translation
// unit that includes imgui.h through the imgui target (app/CMakeLists.txt), natively and in
// WASM. 32-bit draw indices: the WebGL2 backend cannot offset vertices, so with 16-bit ones
// a draw list past 65,535 vertices (a large network, a long run) draws with wrapped indices.
#pragma once
#define ImDrawIdx unsigned int
// Dear ImGui's item hooks, so the app can list every control a frame drew and where
// (app/common/item_report.*, bp.targets(): touch targets of at least 44 x 44 px are tested).
#define IMGUI_ENABLE_TEST_ENGINE
