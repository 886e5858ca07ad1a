// The layer view's engine side (LayerGraph): its node values and gradients are the tape's
// (transposed into the notes' row convention); for one training point they equal the scalar
// graph's (mlp_scalar) for every activation and head with a scalar form; its edge rules hold
// on its own numbers; its update is the Trainer's (SGD moves W1 by exactly -lr dW1, a
// mini-batch step equals Trainer::step); static and dynamic tapes train the same bits.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "formula.h"
#include "layer_scalar.h"
#include "layer_graph.h"
#include "mlp_scalar.h"
#include "settings.h"

using namespace bp;

namespace {

Config config_from(const std::string& hash) {
    Config c;
    const auto w = apply_hash(c, hash);
    REQUIRE_MESSAGE(w.empty(), (w.empty() ? "" : w[0]));
    return c;
}

const LayerNode& node(const LayerGraph& lg, const std::string& label) {
    for (const LayerNode& n : lg.nodes())
        if (n.label == label) return n;
    FAIL("no node " << label);
    return lg.nodes()[0];
}

}  // namespace

TEST_CASE("layer graph: the nodes of a 2-3-1 network, their shapes and rules in the notes' notation") {
    Trainer t(config_from("dataset=circle&layers=3&activation=sigmoid&batch=10&seed=2"));
    LayerGraph lg;
    REQUIRE_FALSE(lg.open(t, LayerGraph::kNextBatch));
    CHECK(lg.batch() == 10);
    const std::vector<std::string> labels = {"x", "W1", "b1", "x W1", "h1", "z1", "W2", "b2", "z1 W2", "z2", "y", "Loss"};
    REQUIRE(lg.nodes().size() == labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) CHECK(lg.nodes()[i].label == labels[i]);
    CHECK(node(lg, "x").value.rows() == 10);
    CHECK(node(lg, "x").value.cols() == 2);
    CHECK(node(lg, "W1").value.rows() == 2);
    CHECK(node(lg, "W1").value.cols() == 3);
    CHECK(node(lg, "b1").value.rows() == 1);
    CHECK(node(lg, "h1").value.cols() == 3);
    CHECK(node(lg, "z2").value.rows() == 10);
    CHECK(node(lg, "Loss").value.size() == 1);
    CHECK(node(lg, "x W1").rule == "dx = dh1 W1^T (x is data: not computed); dW1 = x^T dh1");
    CHECK(node(lg, "h1").rule == "dh1 (+ passes it on); db1 = sum_batch dh1");
    CHECK(node(lg, "z1").rule == "dh1 = dz1 o z1 o (1 - z1)");
    CHECK(node(lg, "z1 W2").rule == "dz1 = dz2 W2^T; dW2 = z1^T dz2");
    CHECK(node(lg, "Loss").edge_rules[0] == "dz2 = (sigma(z2) - y) / 10");
    CHECK(node(lg, "h1").formula == "h1 = x W1 + b1");
    CHECK(node(lg, "z1").formula == "z1 = sigma(h1)");
    CHECK(node(lg, "x").grad.size() == 0);
    CHECK(node(lg, "y").grad.size() == 0);
}

TEST_CASE("layer graph: node values and gradients equal the tape's, transposed") {
    Trainer t(config_from("dataset=spiral&layers=5,4&activation=tanh&batch=7&seed=5"));
    t.step(13);
    LayerGraph lg;
    REQUIRE_FALSE(lg.open(t, LayerGraph::kNextBatch));
    const std::vector<int> examples = t.next_batch();
    CHECK(lg.examples() == examples);
    MlpGraph<float> g;  // the same step, recorded and run here
    g.X.resize(2, 7);
    g.Y.resize(1, 7);
    t.training_set().fill(g, examples.data());
    g.record(t.model(), 7, GraphUse::Explain);
    g.run(true);
    REQUIRE(int(lg.nodes().size()) == g.tape.size());
    for (const LayerNode& n : lg.nodes()) {
        CAPTURE(n.label);
        CHECK(n.value == Eigen::MatrixXf(g.tape.value(n.id).transpose()));
        if (!n.data) CHECK(n.grad == Eigen::MatrixXf(g.tape.grad(n.id).transpose()));
    }
}

TEST_CASE("layer graph: each edge's rule holds on the view's own numbers") {
    Trainer t(config_from("dataset=circle&layers=3,2&activation=relu&init=he&batch=6&seed=4"));
    t.step(5);
    LayerGraph lg;
    REQUIRE_FALSE(lg.open(t, LayerGraph::kNextBatch));
    for (int l = 1; l <= 3; ++l) {
        CAPTURE(l);
        const LayerNode& mm = lg.nodes()[std::size_t(node(lg, "W" + std::to_string(l)).id + 2)];  // a W_l
        REQUIRE(mm.op == "matmul");
        const Eigen::MatrixXf& a = lg.nodes()[std::size_t(mm.inputs[0])].value;  // (batch, n_in)
        const Eigen::MatrixXf& h = lg.nodes()[std::size_t(mm.id + 1)].grad;      // dh_l (batch, n_out)
        const Eigen::MatrixXd dW = a.cast<double>().transpose() * h.cast<double>();  // dW = a^T dh
        CHECK((dW - node(lg, "W" + std::to_string(l)).grad.cast<double>()).norm() <= 1e-5 * (1 + dW.norm()));
        const Eigen::MatrixXd db = h.cast<double>().colwise().sum();  // db = sum_batch dh
        CHECK((db - node(lg, "b" + std::to_string(l)).grad.cast<double>()).norm() <= 1e-5 * (1 + db.norm()));
    }
    const Eigen::ArrayXXf h1 = node(lg, "h1").value.array(), dz1 = node(lg, "z1").grad.array();
    CHECK(node(lg, "h1").grad.array().isApprox(dz1 * (h1 > 0).cast<float>()));  // relu' = 1(h > 0)
}

TEST_CASE("layer graph: one training point's gradients equal the scalar graph's, for every activation and head") {
    const char* cases[] = {
        "dataset=circle&layers=3&activation=sigmoid",
        "dataset=circle&layers=3,2&activation=tanh&head=tanh-mse",
        "dataset=xor&layers=4&activation=relu&init=he",
        "dataset=moons&layers=3&activation=leaky_relu",
        "dataset=circle&layers=3&activation=elu&features=x1,x2,x1x2",
        "dataset=sine&layers=4&activation=softplus",
        "dataset=blobs&layers=3&activation=swish",
        "dataset=circle&layers=2&activation=linear&features=x1,x2,sinx1,x1sq",
        "dataset=circle&layers=",
    };
    for (const char* hash : cases) {
        CAPTURE(hash);
        Trainer t(config_from(std::string(hash) + "&seed=3"));
        t.step(4);  // biases non-zero
        LayerGraph lg;
        REQUIRE_FALSE(lg.open(t, 5));
        CHECK(lg.batch() == 1);
        auto net = mlp_scalar(t.model(), t.config().features, t.data().train[5]);
        REQUIRE(net);
        auto g = formula_to_graph(net->formula, net->values);
        REQUIRE(g);
        g->backward();
        CHECK(double(lg.nodes().back().value(0, 0)) == doctest::Approx(g->node(g->output()).value).epsilon(1e-5));
        const auto list = g->gradients();  // by value
        std::map<std::string, double> grads(list.begin(), list.end());
        int checked = 0;
        for (const LayerNode& n : lg.nodes()) {
            if (!n.param) continue;
            for (Eigen::Index i = 0; i < n.grad.rows(); ++i)
                for (Eigen::Index j = 0; j < n.grad.cols(); ++j) {
                    // W (n_in, n_out) here: entry (i, j) is weight w<layer>_<unit j>_<input i>
                    const std::string name = n.label[0] == 'W' ? weight_name(n.layer, int(j) + 1, int(i) + 1)
                                                               : bias_name(n.layer, int(j) + 1);
                    REQUIRE(grads.count(name));
                    CHECK(double(n.grad(i, j)) == doctest::Approx(grads[name]).epsilon(2e-5).scale(1e-3));
                    ++checked;
                }
        }
        int params = 0;  // every weight and bias variable of the scalar graph was compared
        for (const auto& [name, grad] : grads) params += name[0] == 'w' || name[0] == 'b';
        CHECK(checked == params);
    }
}

TEST_CASE("layer graph: static and dynamic tapes train bit-identical histories, and the counters say which ran") {
    const Config c = config_from("dataset=spiral&layers=6,5&activation=tanh&batch=8&seed=9&optimizer=adam&lr=0.01");
    Trainer st(c), dy(c);
    dy.tapes().set_mode(TapeMode::Dynamic);
    const long replays_before = dy.tapes().counts().replays;  // the constructor's evaluation, static
    st.run_epochs(6);
    dy.run_epochs(6);
    REQUIRE(st.history().size() == dy.history().size());
    for (std::size_t i = 0; i < st.history().size(); ++i) {
        CHECK(st.history()[i].train_loss == dy.history()[i].train_loss);
        CHECK(st.history()[i].test_loss == dy.history()[i].test_loss);
    }
    for (std::size_t l = 0; l < st.model().layers().size(); ++l) CHECK(st.model().layers()[l].W == dy.model().layers()[l].W);
    const auto s = st.tapes().counts(), d = dy.tapes().counts();
    CHECK(s.recordings <= 4);                  // a graph per batch size and per evaluation set
    CHECK(s.replays >= st.steps());            // every step replays
    CHECK(d.recordings >= dy.steps());         // every step records again
    CHECK(d.replays == replays_before);      // and never replays
    CHECK(s.bytes_held > 0);
    // switching the live run's mode: the next steps record (dynamic) or replay (static)
    st.tapes().set_mode(TapeMode::Dynamic);
    const long before = st.tapes().counts().recordings;
    st.step(3);
    CHECK(st.tapes().counts().recordings == before + 3);
}

TEST_CASE("layer graph: one SGD step changes W1 by exactly -lr dW1 and moves the loss at the point") {
    Trainer t(config_from("dataset=circle&layers=3&activation=sigmoid&optimizer=sgd&lr=0.5&seed=2"));
    t.step(10);
    LayerGraph lg;
    REQUIRE_FALSE(lg.open(t, 17));
    const Eigen::MatrixXf W1 = node(lg, "W1").value, dW1 = node(lg, "W1").grad;
    const long steps = t.steps();
    REQUIRE_FALSE(lg.sgd_step());
    CHECK(t.steps() == steps + 1);
    REQUIRE(lg.update());
    const StepUpdate& u = *lg.update();
    CHECK(u.lr == double(0.5f));
    CHECK(u.layers[0].before == W1);
    const Eigen::MatrixXf expected = W1 - 0.5f * dW1;  // float arithmetic, as the optimizer's
    CHECK(u.layers[0].after == expected);
    CHECK(Eigen::MatrixXf(t.model().layers()[0].W.transpose()) == expected);
    CHECK(u.loss_after < u.loss_before);  // a small step downhill at the point
    // the view shows what the update made: the step recorded again on the new weights, its
    // forward pass shown (the loss at the point after the step), its gradients zeroed
    CHECK(node(lg, "W1").value == expected);
    CHECK(std::string(lg.phase()) == "updated");
    CHECK(lg.value_known(lg.loss_node()));
    CHECK(double(lg.nodes().back().value(0, 0)) == doctest::Approx(u.loss_after).epsilon(1e-6));
    CHECK_FALSE(lg.grad_known(node(lg, "W1").id));
    CHECK_FALSE(lg.stale());
    lg.backward_step();  // the next step's backward pass: no longer just updated
    CHECK(std::string(lg.phase()) == "backward");
    REQUIRE_FALSE(lg.sgd_step());  // and its update, from the new weights
    CHECK(t.steps() == steps + 2);
    CHECK(lg.update()->layers[0].before == expected);
    const Eigen::MatrixXf second = lg.update()->layers[0].after;
    CHECK(node(lg, "W1").value == second);
    REQUIRE_FALSE(lg.next_step());
    CHECK(node(lg, "W1").value == second);
    CHECK(std::string(lg.phase()) == "zeroed");
    CHECK_FALSE(lg.update());
}

TEST_CASE("layer graph: a mini-batch step is the Trainer's own step, and momentum's velocity is shown") {
    const Config c = config_from("dataset=moons&layers=4&activation=tanh&optimizer=momentum&batch=5&seed=6");
    Trainer a(c), b(c);
    for (int i = 0; i < 3; ++i) {
        a.step(1);
        LayerGraph lg;
        REQUIRE_FALSE(lg.open(b, LayerGraph::kNextBatch));
        REQUIRE_FALSE(lg.sgd_step());
        for (std::size_t l = 0; l < a.model().layers().size(); ++l) CHECK(a.model().layers()[l].W == b.model().layers()[l].W);
        if (i == 0) CHECK(lg.update()->layers[1].m == lg.update()->layers[1].grad);  // m = mu 0 + g
    }
    CHECK(a.steps() == b.steps());
    CHECK(a.next_batch() == b.next_batch());
}

TEST_CASE("layer graph: central differences agree with the tape's gradient of each parameter") {
    Trainer t(config_from("dataset=blobs&layers=4,3&activation=tanh&batch=6&seed=1"));
    t.step(3);
    LayerGraph lg;
    REQUIRE_FALSE(lg.open(t, LayerGraph::kNextBatch));
    for (const LayerNode& n : lg.nodes()) {
        if (!n.param) continue;
        auto c = lg.check(n.id);
        REQUIRE(c);
        CAPTURE(n.label);
        CHECK(c->relative_error < 1e-4);
        CHECK(c->numeric.norm() > 0);
    }
    CHECK(lg.check(0).error().message == "node 0 is not a weight or bias: the check runs on a parameter matrix");
}

TEST_CASE("layer graph: stepping reveals values forward and gradients backward, in the tape's order") {
    Trainer t(config_from("dataset=circle&layers=3&activation=sigmoid&seed=2"));
    LayerGraph lg;
    REQUIRE_FALSE(lg.open(t, 0));
    CHECK(std::string(lg.phase()) == "zeroed");
    int forward = 0;
    while (lg.forward_step()) ++forward;
    CHECK(forward == 12);
    CHECK(std::string(lg.phase()) == "forward");
    REQUIRE(lg.backward_step());
    CHECK(lg.current() == 11);  // the loss first: its seed dLoss/dLoss = 1
    CHECK(lg.grad_known(11));
    CHECK_FALSE(lg.grad_known(9));
    int backward = 1;
    while (lg.backward_step()) ++backward;
    CHECK(backward == 10);  // every node but x and y
    CHECK(lg.grad_known(1));
    lg.reset();
    CHECK(lg.forward_done() == 0);
    CHECK_FALSE(lg.value_known(0));
}

TEST_CASE("layer graph: bad input is refused naming what and where, and nothing changes") {
    Trainer t(config_from("dataset=circle&layers=3&seed=2"));
    LayerGraph lg;
    REQUIRE_FALSE(lg.open(t, 2));
    const auto before = lg.nodes().size();
    const int n = int(t.data().train.size());
    CHECK(lg.open(t, n)->message == "point " + std::to_string(n) + " is out of range: the training points are 0 to " +
                                        std::to_string(n - 1));
    CHECK(lg.open(t, -5)->message.find("point -5 is out of range") == 0);
    CHECK(lg.point() == 2);
    CHECK(lg.nodes().size() == before);
    Trainer wide(config_from("dataset=circle&layers=64,64"));
    CHECK(lg.open(wide, 0)->message ==
          "the layer view draws layers of at most 16 units; this network has one of 64 (a summary is shown instead)");
    Trainer big(config_from("dataset=circle&layers=3&batch=64"));
    CHECK(lg.open(big, LayerGraph::kNextBatch)->message ==
          "the layer view draws batches of at most 32 examples; the batch size is 64 (open one training point, or lower the batch size)");
    REQUIRE_FALSE(lg.open(big, 0));  // one point of the same network is fine
    CHECK(lg.batch() == 1);
    LayerGraph closed;
    CHECK(closed.sgd_step()->message == "no step is open: open a training point or the next mini-batch first");
}

TEST_CASE("layer graph: the consistency check the view shows agrees with the scalar graph, and refuses a batch") {
    Trainer t(config_from("dataset=moons&layers=4,3&activation=tanh&seed=8"));
    t.step(6);
    LayerGraph lg;
    REQUIRE_FALSE(lg.open(t, 9));
    const auto a = scalar_graph_agreement(lg, t);
    REQUIRE(a);
    CHECK(a->compared == 2 * 4 + 4 + 4 * 3 + 3 + 3 * 1 + 1);
    CHECK(a->max_relative < 1e-5);
    REQUIRE_FALSE(lg.open(t, LayerGraph::kNextBatch));
    CHECK(scalar_graph_agreement(lg, t).error().message ==
          "the scalar graph is the loss at one training point: open a point (batch 1)");
}
