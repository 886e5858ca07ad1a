// Dataset <-> CSV ("x1,x2,label,split"). Import parses everything into a new Dataset
// first, so a bad line leaves the caller's data untouched; errors name the line.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "dataset.h"
#include "json.h"
#include "text_util.h"

namespace bp {

namespace {

std::vector<std::string_view> split_commas(std::string_view line) {
    auto cells = split(line, ',');
    for (auto& c : cells) c = trim(c);
    return cells;
}

Error line_error(int line, const std::string& what) {
    return Error{"CSV line " + std::to_string(line) + ": " + what, -1};
}

// One data line into `point` and `is_test`; an error message, or empty on success.
std::string parse_line(std::string_view line, Point& point, bool& is_test) {
    const auto cells = split_commas(line);
    if (cells.size() != 3 && cells.size() != 4)
        return "expected 3 or 4 comma-separated values (x1,x2,label[,split]), got " +
               std::to_string(cells.size());
    const char* names[] = {"x1", "x2", "label"};
    double* targets[] = {&point.x1, &point.x2, &point.label};
    for (int c = 0; c < 3; ++c) {
        if (!parse_finite(cells[c], *targets[c]))
            return std::string(names[c]) + " is not a finite number: '" + std::string(cells[c]) + "'";
        if (std::abs(*targets[c]) > kMaxCsvMagnitude)
            return std::string(names[c]) + " must be from " + format_number(-kMaxCsvMagnitude) + " to " +
                   format_number(kMaxCsvMagnitude) + ", got '" + std::string(cells[c]) + "'";
    }
    is_test = cells.size() == 4 && cells[3] == "test";
    if (cells.size() == 4 && cells[3] != "test" && cells[3] != "train")
        return "split must be 'train' or 'test', got '" + std::string(cells[3]) + "'";
    return {};
}

// Integer labels 0..5 make a classification set; anything else is regression.
void infer_task(Dataset& data) {
    double max_label = 0;
    bool integral = true;
    for (const auto* set : {&data.train, &data.test})
        for (const Point& p : *set) {
            integral = integral && p.label >= 0 && p.label <= 5 && p.label == std::floor(p.label);
            max_label = std::max(max_label, p.label);
        }
    if (!integral) {
        data.task = Task::Regression;
        data.classes = 1;
        return;
    }
    data.classes = std::max(2, int(max_label) + 1);
    data.task = data.classes == 2 ? Task::Binary : Task::Multiclass;
}

}  // namespace

std::string to_csv(const Dataset& data) {
    std::string out = "x1,x2,label,split\n";
    char buf[128];
    for (const auto* set : {&data.train, &data.test})
        for (const Point& p : *set) {
            std::snprintf(buf, sizeof buf, "%.17g,%.17g,%.17g,%s\n", p.x1, p.x2, p.label,
                          set == &data.train ? "train" : "test");
            out += buf;
        }
    return out;
}

Result<Dataset> from_csv(std::string_view text) {
    Dataset data;
    int line_no = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = trim(text.substr(start, end - start));
        start = end + 1;
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        if (line_no == 1 && line.rfind("x1", 0) == 0) continue;  // header
        Point p;
        bool is_test = false;
        const std::string problem = parse_line(line, p, is_test);
        if (!problem.empty()) return line_error(line_no, problem);
        if (data.train.size() + data.test.size() >= std::size_t(kMaxImportPoints))
            return line_error(line_no, "more than " + std::to_string(kMaxImportPoints) + " points (the playground's limit)");
        (is_test ? data.test : data.train).push_back(p);
    }
    if (data.train.empty()) return Error{"CSV has no training points", -1};
    infer_task(data);
    return data;
}

}  // namespace bp
