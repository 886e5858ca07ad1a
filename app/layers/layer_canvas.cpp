// LayerView's canvas: the tape's nodes laid out as the notes draw a network, the chain
// x -> x W1 -> h1 -> z1 -> ... -> Loss left to right, each weight, bias (and y) above the
// node that reads it; every node a box with its formula, shape, and value and gradient as
// heatmaps (numbers printed in small matrices, with the digits that let each rule be checked
// on them: layer_printed.h; all of them on hover); every edge labelled
// with its backward rule; zoom and pan as in the graph lab (ZoomPan).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "colors.h"
#include "layer_printed.h"
#include "layer_text.h"
#include "layer_view.h"
#include "text_util.h"

namespace bp {

namespace {

constexpr float kPad = 6, kMargin = 12, kGap = 40, kLabelMargin = 3, kMaxFitZoom = 1.5f, kMinTextPx = 9;
constexpr float kLegiblePx = 11;     // a step whose fitted text would be smaller opens at this size
constexpr int kMaxRows = 3;          // the chain wraps onto at most this many rows
constexpr int kPrintedEntries = 12, kPrintedCols = 4;  // matrices this small show their numbers
constexpr ImU32 kEdge = IM_COL32(125, 130, 142, 255), kSent = IM_COL32(245, 147, 34, 255);
constexpr ImU32 kCurrent = IM_COL32(255, 214, 60, 255), kDim = IM_COL32(120, 124, 134, 255);
constexpr ImU32 kRuleText = IM_COL32(170, 176, 188, 255), kGradText = IM_COL32(120, 220, 140, 255);

bool above(const LayerNode& n) { return n.param || (n.data && n.label == "y"); }  // drawn over its user

std::string title(const LayerNode& n) { return n.formula.empty() ? n.label : n.formula; }

// A rule as drawn on its edge: a long one in lines, after " =" and before a note in brackets
// (x's data note, or what a sum passes on: "dh1 (+ ...)").
std::string rule_lines(std::string rule) {
    if (rule.size() <= 8) return rule;  // "dW1 = ..." in two lines: the gaps between the boxes stay narrow
    const std::size_t space = rule.find(' ');
    if (auto at = rule.find(" = "); at != std::string::npos) rule.replace(at, 3, " =\n");
    else if (space != std::string::npos && rule.compare(space, 2, " (") == 0) rule[space] = '\n';
    if (auto at = rule.find(std::string(" ") + tr("layers.rule_x_data")); at != std::string::npos) rule[at] = '\n';
    return rule;
}

// The widest number a box prints: its value and gradient at their digits (layer_printed.h).
float widest_number(const LayerNode& n) {
    float w = ImGui::CalcTextSize("-0.0012").x;
    for (Eigen::Index i = 0; i < n.value.rows(); ++i)
        for (Eigen::Index j = 0; j < n.value.cols(); ++j) {
            w = std::max(w, ImGui::CalcTextSize(printed_entry(n.value, i, j, n.value_digits).c_str()).x);
            if (n.grad.size()) w = std::max(w, ImGui::CalcTextSize(printed_entry(n.grad, i, j, n.grad_digits).c_str()).x);
        }
    return w;
}

}  // namespace

namespace {

struct Column {  // one node of the chain with what it reads from above
    int id;
    float gap, width;  // the room for its incoming edge's rule, and its width
};

// Where rows 2 ... `rows` (at most 3) begin, as column indices: the split whose widest row is
// narrowest (none when no split is narrower than one row).
std::vector<std::size_t> row_starts(const std::vector<Column>& columns, int rows) {
    const std::size_t n = columns.size();
    auto width = [&](std::size_t a, std::size_t b) {  // of columns [a, b)
        float w = 0;
        for (std::size_t i = a; i < b; ++i) w += columns[i].gap + columns[i].width;
        return w;
    };
    std::vector<std::size_t> best;
    float best_w = width(0, n);
    for (std::size_t i = 1; i < n && rows == 2; ++i)
        if (const float w = std::max(width(0, i), width(i, n)); w < best_w) best_w = w, best = {i};
    for (std::size_t i = 1; i < n && rows == 3; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            if (const float w = std::max({width(0, i), width(i, j), width(j, n)}); w < best_w) best_w = w, best = {i, j};
    return best;
}

}  // namespace

// Boxes at zoom 1: per node its rectangle and its heatmap cells' size; the chain in `rows`
// rows (a wide network wraps, so that it fits a laptop's canvas at a legible size).
struct LayerView::Geometry {
    struct Box {
        ImVec2 lo, hi;
        float cell_w = 10, cell_h = 10;
        bool numbers = false;
    };
    std::vector<Box> box;
    std::vector<int> user;  // per node drawn above: the node that reads it; else -1
    std::vector<int> row;   // per node: the row of the chain it is drawn in
    std::vector<float> row_top, row_bottom;
    float width = 0, height = 0, line = 0;
};

LayerView::Geometry LayerView::measure(int rows) const {
    const LayerTexts texts = layer_texts();
    const auto& nodes = graph_.nodes();
    Geometry g;
    g.line = ImGui::GetTextLineHeight();
    g.box.resize(nodes.size());
    g.user.assign(nodes.size(), -1);
    g.row.assign(nodes.size(), 0);
    for (const LayerNode& n : nodes) {
        auto& b = g.box[std::size_t(n.id)];
        b.numbers = n.value.size() <= kPrintedEntries && n.value.cols() <= kPrintedCols;
        b.cell_w = b.numbers ? widest_number(n) + 6 : 12;
        b.cell_h = b.numbers ? g.line + 2 : 12;
        const float heat_w = float(n.value.cols()) * b.cell_w, heat_h = float(n.value.rows()) * b.cell_h;
        const float w = std::max({ImGui::CalcTextSize(title(n).c_str()).x, ImGui::CalcTextSize(texts.box_value_widest).x, heat_w});
        const float h = 2 * g.line + heat_h + (n.data ? 0 : g.line + heat_h) + kPad;
        b.lo = {0, 0};
        b.hi = {w + 2 * kPad, h + 2 * kPad};
        for (int in : n.inputs)
            if (above(nodes[std::size_t(in)])) g.user[std::size_t(in)] = n.id;
    }
    // Columns: the chain's nodes in order; the gap before each fits its incoming edge's rule.
    std::vector<Column> columns;
    float top_h = 0;
    std::vector<float> col_top;  // per column: the tallest box above it
    for (const LayerNode& n : nodes) {
        if (above(n)) continue;
        Column c{n.id, 0, g.box[std::size_t(n.id)].hi.x};
        if (!n.edge_rules.empty()) c.gap = std::max(kGap, ImGui::CalcTextSize(rule_lines(n.edge_rules[0]).c_str()).x + 2 * kLabelMargin);
        col_top.push_back(0);
        for (int in : n.inputs)
            if (above(nodes[std::size_t(in)]))
                c.width = std::max(c.width, g.box[std::size_t(in)].hi.x), col_top.back() = std::max(col_top.back(), g.box[std::size_t(in)].hi.y);
        columns.push_back(c);
    }
    std::vector<std::size_t> starts = row_starts(columns, rows);
    starts.push_back(columns.size());
    const float row_gap = 3 * g.line;  // room for a two-line rule on the edges from above, and for the wrapped edge
    float x = kMargin, row_top = kMargin, bottom = 0, widest = 0;
    auto start_row = [&](std::size_t from) {  // the row's boxes above sit on one line, as high as its tallest
        g.row_top.push_back(row_top);
        const std::size_t to = *std::upper_bound(starts.begin(), starts.end(), from);
        top_h = *std::max_element(col_top.begin() + std::ptrdiff_t(from), col_top.begin() + std::ptrdiff_t(to));
    };
    start_row(0);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const Column& c = columns[i];
        if (std::find(starts.begin(), starts.end(), i) != starts.end()) {
            g.row_bottom.push_back(bottom);  // this column starts the next row
            widest = std::max(widest, x);
            row_top = bottom + row_gap;
            start_row(i);
            x = kMargin;
        }
        x += c.gap;
        const LayerNode& n = nodes[std::size_t(c.id)];
        auto& b = g.box[std::size_t(c.id)];
        const float cx = x + c.width / 2, chain_y = row_top + top_h + row_gap;
        b = {{cx - b.hi.x / 2, chain_y}, {cx + b.hi.x / 2, chain_y + b.hi.y}, b.cell_w, b.cell_h, b.numbers};
        g.row[std::size_t(c.id)] = int(g.row_top.size()) - 1;
        for (int in : n.inputs) {
            if (!above(nodes[std::size_t(in)])) continue;
            auto& p = g.box[std::size_t(in)];
            p = {{cx - p.hi.x / 2, row_top + top_h - p.hi.y}, {cx + p.hi.x / 2, row_top + top_h}, p.cell_w, p.cell_h, p.numbers};
            g.row[std::size_t(in)] = g.row[std::size_t(c.id)];
        }
        bottom = std::max(bottom, b.hi.y);  // b is placed: hi is its bottom (chain_y + its height)
        x += c.width;
    }
    g.row_bottom.push_back(bottom);
    g.width = std::max(widest, x) + kMargin;
    g.height = bottom + kMargin;
    return g;
}

// The rows the chain wraps into when fitted to the canvas: as few as give the largest text.
int LayerView::fitting_rows() const {
    int best = 1;
    float best_zoom = 0;
    for (int rows = 1; rows <= kMaxRows; ++rows) {
        const Geometry g = measure(rows);
        if (int(g.row_top.size()) < rows) break;  // no split into that many rows is narrower
        const float z = zp_.fit_zoom({g.width, g.height}, kMaxFitZoom);
        if (z > best_zoom * 1.05f) best = rows, best_zoom = z;
    }
    return best;
}

namespace {

struct Painter {
    ImDrawList* dl;
    const ZoomPan& zp;
    float line;
    float px() const { return ImGui::GetFontSize() * zp.zoom; }
    bool text_shown() const { return px() >= kMinTextPx; }
    void text(ImVec2 at, ImU32 col, const std::string& s) const {
        if (text_shown()) dl->AddText(ImGui::GetFont(), px(), zp.screen(at), col, s.c_str());
    }
};

// One matrix as a heatmap at `at` (zoom 1), coloured by value / max |value|; returns the
// entry under the mouse (-1 if none).
int heatmap(const Painter& p, const Eigen::MatrixXf& m, ImVec2 at, float cw, float ch, bool numbers, const std::vector<int>& digits,
            std::vector<ImVec4>* cells) {
    const float scale = std::max(1e-30f, m.cwiseAbs().maxCoeff());
    const ImVec2 mouse = ImGui::GetMousePos();
    int hovered = -1;
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            const ImVec2 lo = p.zp.screen({at.x + float(j) * cw, at.y + float(i) * ch});
            const ImVec2 hi = p.zp.screen({at.x + float(j + 1) * cw, at.y + float(i + 1) * ch});
            const std::uint32_t fill = diverging_rgba(m(i, j) / scale);
            p.dl->AddRectFilled(lo, hi, fill);
            if (numbers && p.text_shown()) cells->push_back({lo.x, lo.y, hi.x - lo.x, hi.y - lo.y});
            if (numbers) p.text({at.x + float(j) * cw + 3, at.y + float(i) * ch + 1}, text_on(fill), printed_entry(m, i, j, digits));
            if (mouse.x >= lo.x && mouse.x < hi.x && mouse.y >= lo.y && mouse.y < hi.y) hovered = int(i * m.cols() + j);
        }
    p.dl->AddRect(p.zp.screen(at), p.zp.screen({at.x + float(m.cols()) * cw, at.y + float(m.rows()) * ch}), IM_COL32(80, 84, 96, 255));
    return hovered;
}

void entry_tooltip(const LayerNode& n, int entry, bool value, bool grad) {
    const LayerTexts texts = layer_texts();
    const Eigen::Index i = entry / n.value.cols(), j = entry % n.value.cols();
    ImGui::BeginTooltip();
    ImGui::Text(texts.tip_entry, n.label.c_str(), int(i), int(j));
    if (value) ImGui::Text(texts.tip_value, double(n.value(i, j)));
    if (grad && n.grad.size()) ImGui::Text(texts.tip_grad, n.label.c_str(), int(i), int(j), double(n.grad(i, j)));
    if (!n.formula.empty()) ImGui::TextDisabled("%s", n.formula.c_str());
    ImGui::EndTooltip();
}

}  // namespace

void LayerView::draw_canvas(ImVec2 size) {
    const LayerTexts texts = layer_texts();
    ImGui::BeginChild("layer canvas", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    zp_.place(ImGui::GetContentRegionAvail());
    const bool opened = fitted_ != graph_.generation();  // a new step opens fitted
    if (opened) fitted_ = graph_.generation(), zp_.fit = true;
    if (zp_.fit) rows_ = fitting_rows();  // wrapped as the canvas's shape calls for
    const Geometry g = measure(rows_);
    const bool embed = playground_.model().page().embed;  // an embed shows the whole step, as the graph lab does
    if (opened && !embed && zp_.fit_zoom({g.width, g.height}, kMaxFitZoom) * ImGui::GetFontSize() < kLegiblePx) {
        zp_.fit = false;  // too small fitted: legible from its left end instead
        zp_.zoom = kLegiblePx / ImGui::GetFontSize();
        zp_.pan = {0, std::max(0.0f, (zp_.size.y - g.height * zp_.zoom) / 2)};
    }
    zp_.fit_to({g.width, g.height}, kMaxFitZoom);
    const bool hover = zp_.interact();
    const Painter p{ImGui::GetWindowDrawList(), zp_, g.line};
    report_ = {zp_.min, zp_.size, zp_.zoom, p.px(), zp_.pan, zp_.fit, rows_, {}, {}};
    const auto& nodes = graph_.nodes();
    for (const LayerNode& n : nodes)  // edges first, under the boxes
        for (std::size_t k = 0; k < n.inputs.size(); ++k) {
            const auto& from = g.box[std::size_t(n.inputs[k])];
            const auto& to = g.box[std::size_t(n.id)];
            const bool vertical = g.user[std::size_t(n.inputs[k])] == n.id;
            ImVec2 a = vertical ? ImVec2{(from.lo.x + from.hi.x) / 2, from.hi.y} : ImVec2{from.hi.x, from.lo.y + g.line};
            const ImVec2 b = vertical ? ImVec2{(to.lo.x + to.hi.x) / 2, to.lo.y} : ImVec2{to.lo.x, to.lo.y + g.line};
            const bool current = graph_.current() == n.id, sent = graph_.grad_known(n.id);
            const ImU32 col = current ? kCurrent : sent ? kSent : kEdge;
            const float thick = current ? 3.0f : 1.5f;
            const std::string rule = rule_lines(n.edge_rules[k]);
            const ImVec2 size = ImGui::CalcTextSize(rule.c_str());
            const int from_row = g.row[std::size_t(n.inputs[k])], to_row = g.row[std::size_t(n.id)];
            if (!vertical && from_row != to_row) {  // the chain wraps: out right, down between the rows, in from the left
                const float mid = (g.row_bottom[std::size_t(from_row)] + g.row_top[std::size_t(to_row)]) / 2;
                const ImVec2 route[] = {zp_.screen(a), zp_.screen({a.x + kMargin / 2, a.y}), zp_.screen({a.x + kMargin / 2, mid}),
                                        zp_.screen({kMargin / 2, mid}), zp_.screen({kMargin / 2, b.y})};
                p.dl->AddPolyline(route, 5, col, 0, thick);
                a = {kMargin / 2, b.y};
            }
            p.dl->AddLine(zp_.screen(a), zp_.screen(b), col, thick);
            const ImVec2 at = vertical ? ImVec2{a.x - size.x / 2, (a.y + b.y - size.y) / 2}
                                       : ImVec2{(a.x + b.x - size.x) / 2, a.y - size.y - 3};
            if (p.text_shown())
                p.dl->AddRectFilled(zp_.screen({at.x - 2, at.y}), zp_.screen({at.x + size.x + 2, at.y + size.y}), IM_COL32(30, 32, 38, 225), 3);
            p.text(at, sent ? kSent : kRuleText, rule);
        }
    int hovered_node = -1, hovered_entry = -1;
    bool hovered_value = true;
    for (const LayerNode& n : nodes) {
        const auto& b = g.box[std::size_t(n.id)];
        const bool current = graph_.current() == n.id;
        const ImVec2 lo = zp_.screen(b.lo), hi = zp_.screen(b.hi);
        report_.nodes.push_back({n.id, ImVec4(lo.x, lo.y, hi.x - lo.x, hi.y - lo.y)});
        p.dl->AddRectFilled(zp_.screen(b.lo), zp_.screen(b.hi), n.param ? IM_COL32(38, 64, 102, 255) : IM_COL32(46, 50, 60, 255), 5);
        p.dl->AddRect(zp_.screen(b.lo), zp_.screen(b.hi), current ? kCurrent : n.id == selected_ ? IM_COL32(90, 200, 250, 255)
                                                                                                 : IM_COL32(95, 100, 112, 255),
                      5, 0, current || n.id == selected_ ? 3.0f : 1.2f);
        if (hover && ImGui::IsMouseHoveringRect(zp_.screen(b.lo), zp_.screen(b.hi)) && ImGui::IsMouseClicked(0)) selected_ = n.id;
        float y = b.lo.y + kPad;
        p.text({b.lo.x + kPad, y}, graph_.value_known(n.id) ? IM_COL32(255, 255, 255, 255) : kDim, title(n));
        y += g.line;
        const float hh = float(n.value.rows()) * b.cell_h;
        char shape[96];
        std::snprintf(shape, sizeof shape, texts.box_value, int(n.value.rows()), int(n.value.cols()));
        p.text({b.lo.x + kPad, y}, kDim, shape);
        y += g.line;
        if (graph_.value_known(n.id)) {
            const int e = heatmap(p, n.value, {b.lo.x + kPad, y}, b.cell_w, b.cell_h, b.numbers, n.value_digits, &report_.cells);
            if (e >= 0 && hover) hovered_node = n.id, hovered_entry = e, hovered_value = true;
        }
        y += hh + kPad;
        if (n.data) continue;
        const bool known = graph_.grad_known(n.id), zeroed = n.param && !known;
        p.text({b.lo.x + kPad, y}, known ? kGradText : kDim, zeroed ? texts.box_zeroed : known ? texts.box_grad : texts.box_not_yet);
        y += g.line;
        if (known || zeroed) {
            const Eigen::MatrixXf zero = Eigen::MatrixXf::Zero(n.grad.rows(), n.grad.cols());
            const int e = heatmap(p, known ? n.grad : zero, {b.lo.x + kPad, y}, b.cell_w, b.cell_h, b.numbers, n.grad_digits, &report_.cells);
            if (e >= 0 && hover && known) hovered_node = n.id, hovered_entry = e, hovered_value = false;
        }
    }
    if (hovered_node >= 0) {
        const LayerNode& n = nodes[std::size_t(hovered_node)];
        entry_tooltip(n, hovered_entry, graph_.value_known(n.id), !hovered_value || graph_.grad_known(n.id));
    }
    zp_.buttons();
    char hint[512];
    const bool cut = g.width * zp_.zoom > zp_.size.x + 1, narrow = zp_.size.x < 560;
    std::snprintf(hint, sizeof hint, texts.hint, int(std::lround(zp_.zoom * 100)),
                  narrow ? texts.hint_narrow : texts.hint_wide,
                  !p.text_shown() ? texts.hint_small
                  : cut && !narrow ? texts.hint_more : "");
    zp_.hint(hint, !p.text_shown());
    ImGui::EndChild();
}

}  // namespace bp
