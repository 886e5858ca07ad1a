// mlp_scalar writes each unit out as text, z = w*a + ... + b and a = f(z), reusing the
// previous layer's texts (the parser's hash-consing makes each repeated unit one node);
// apply_sgd reads the names back to matrix entries.
#include "mlp_scalar.h"

#include <cstdio>

#include "text_util.h"

namespace bp {

namespace {

constexpr std::size_t kMaxFormula = 16000;  // characters; the lab's text box holds this much

std::string feature_text(Feature f) {
    switch (f) {
        case Feature::X1: return "x1";
        case Feature::X2: return "x2";
        case Feature::X1Sq: return "x1^2";
        case Feature::X2Sq: return "x2^2";
        case Feature::X1X2: return "(x1*x2)";
        case Feature::SinX1: return "sin(x1)";
        case Feature::SinX2: return "sin(x2)";
    }
    return "?";
}

// f(z) in formula syntax, or "" when it has no scalar form here.
std::string activation_text(Activation a, const std::string& z) {
    switch (a) {
        case Activation::Linear: return "(" + z + ")";
        case Activation::Sigmoid: return "sigmoid(" + z + ")";
        case Activation::Tanh: return "tanh(" + z + ")";
        case Activation::Relu: return "relu(" + z + ")";
        case Activation::LeakyRelu: return "leaky_relu(" + z + ")";  // slope 0.01 in both engines
        case Activation::Elu: return "(relu(" + z + ") + min(exp(" + z + ") - 1, 0))";  // x > 0: x; else e^x - 1
        case Activation::Softplus: return "softplus(" + z + ")";
        case Activation::Swish: return "(" + z + ")*sigmoid(" + z + ")";
        case Activation::Gelu: return "";
    }
    return "";
}

// The loss of logits z (texts) against the point's target, per head.
std::string loss_text(Head head, const std::vector<std::string>& z, const Point& p, ScalarNet& net) {
    switch (head) {
        case Head::Regression: net.values["y"] = p.label; return "(" + z[0] + " - y)^2";
        case Head::SigmoidBce: net.values["y"] = p.label; return "softplus(" + z[0] + ") - y*(" + z[0] + ")";
        case Head::TanhMse: net.values["y"] = 2 * p.label - 1; return "(tanh(" + z[0] + ") - y)^2";
        case Head::Softmax: {
            const std::string sum = join(z, " + ", [](const std::string& zk) { return "exp(" + zk + ")"; });
            return "log(" + sum + ") - (" + z[std::size_t(p.label)] + ")";
        }
    }
    return "";
}

}  // namespace

std::string weight_name(int layer, int unit, int input) {
    return "w" + std::to_string(layer) + "_" + std::to_string(unit) + "_" + std::to_string(input);
}
std::string bias_name(int layer, int unit) { return "b" + std::to_string(layer) + "_" + std::to_string(unit); }

template <class T>
Result<ScalarNet> mlp_scalar(const Mlp<T>& mlp, const std::vector<Feature>& features, const Point& p) {
    ScalarNet net;
    net.values["x1"] = p.x1;
    net.values["x2"] = p.x2;
    std::vector<std::string> a;
    for (Feature f : features) a.push_back(feature_text(f));
    const auto& layers = mlp.layers();
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const auto& layer = layers[l];
        std::vector<std::string> next;
        for (int i = 0; i < int(layer.W.rows()); ++i) {
            std::string z;
            for (int j = 0; j < int(layer.W.cols()); ++j) {
                const std::string w = weight_name(int(l) + 1, i + 1, j + 1);
                net.values[w] = double(layer.W(i, j));
                z += w + "*" + a[std::size_t(j)] + " + ";
            }
            const std::string b = bias_name(int(l) + 1, i + 1);
            net.values[b] = double(layer.b(i, 0));
            z += b;
            if (l + 1 == layers.size()) {
                next.push_back(z);
                continue;
            }
            const std::string act = activation_text(layer.act, z);
            if (act.empty())
                return Error{std::string("layer ") + std::to_string(l + 1) + " uses " + name_of(layer.act) +
                             ", which the graph lab cannot write out (no erf op)"};
            next.push_back(act);
            if (next.back().size() > kMaxFormula) break;
        }
        a = std::move(next);
        std::size_t length = 0;
        for (const std::string& s : a) length += s.size();
        if (length > kMaxFormula)
            return Error{"the network is too large to write out as one formula (more than " +
                         std::to_string(kMaxFormula) + " characters by layer " + std::to_string(l + 1) +
                         "); use fewer or narrower layers"};
    }
    net.formula = loss_text(mlp.head(), a, p, net);
    if (net.formula.size() > kMaxFormula)
        return Error{"the network is too large to write out as one formula (" + std::to_string(net.formula.size()) +
                     " characters, at most " + std::to_string(kMaxFormula) + ")"};
    return net;
}

template <class T>
int apply_sgd(Mlp<T>& mlp, const std::vector<std::pair<std::string, double>>& grads, double lr) {
    const std::map<std::string, double> g(grads.begin(), grads.end());
    int updated = 0;
    auto& layers = mlp.layers();
    for (std::size_t l = 0; l < layers.size(); ++l)
        for (int i = 0; i < int(layers[l].W.rows()); ++i) {
            for (int j = 0; j < int(layers[l].W.cols()); ++j)
                if (auto it = g.find(weight_name(int(l) + 1, i + 1, j + 1)); it != g.end()) {
                    layers[l].W(i, j) -= T(lr * it->second);  // W -= lr dL/dW
                    ++updated;
                }
            if (auto it = g.find(bias_name(int(l) + 1, i + 1)); it != g.end()) {
                layers[l].b(i, 0) -= T(lr * it->second);  // b -= lr dL/db
                ++updated;
            }
        }
    return updated;
}

template Result<ScalarNet> mlp_scalar(const Mlp<float>&, const std::vector<Feature>&, const Point&);
template Result<ScalarNet> mlp_scalar(const Mlp<double>&, const std::vector<Feature>&, const Point&);
template int apply_sgd(Mlp<float>&, const std::vector<std::pair<std::string, double>>&, double);
template int apply_sgd(Mlp<double>&, const std::vector<std::pair<std::string, double>>&, double);

}  // namespace bp
