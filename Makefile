# Backprop Playground. A new user needs two commands:
#   make serve   set up what is missing, build the WASM site, serve it on http://localhost:8000
#   make test    set up what is missing, build natively, run every test (ends on ctest's summary)
# Also: make web (site into build/web/), make dist (that site as build/backprop-playground.zip), make cli (build/bin/bp), make desktop (native window),
#       make bench (bp bench natively and in WASM under node, with the ratios),
#       make test-sanitize (the native suite under ASan + UBSan, clang-14),
#       make fuzz FUZZ_SECONDS=N (each libFuzzer target N seconds on its seed corpus).
SHELL := bash
JOBS ?= $(shell nproc)
NATIVE := build/native
WASM := build/wasm
WEB := build/web
PORT ?= 8000
EMENV := source scripts/em-env.sh &&
SAN := build/sanitize
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g
# Every finding stops the run with a stack trace; leaks count as findings.
FUZZ := build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_SYMBOLIZER_PATH=$$(command -v llvm-symbolizer-14)

.PHONY: all setup setup-native native wasm-configure web serve dist test cli desktop bench test-sanitize fuzz clean

all: native

setup:
	@scripts/setup.sh all

setup-native:
	@scripts/setup.sh native

native: setup-native
	@cmake -S . -B $(NATIVE) -G Ninja -DCMAKE_BUILD_TYPE=Release -DBP_WEB_DIR=$(if $(WITH_WEB),$(abspath $(WEB))) \
	  -DBP_WASM_BIN=$(if $(WITH_WEB),$(abspath $(WASM))/bin) >/dev/null
	cmake --build $(NATIVE) -j$(JOBS)
	@mkdir -p build/bin && ln -sf ../native/bin/bp build/bin/bp && ln -sf ../native/bin/bp_desktop build/bin/bp_desktop

cli desktop: native

wasm-configure: setup
	@$(EMENV) emcmake cmake -S . -B $(WASM) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null

web: wasm-configure
	$(EMENV) cmake --build $(WASM) -j$(JOBS)
	@rm -rf $(WEB) && mkdir -p $(WEB)
	cp web/index.html web/bp.js web/a11y.js web/bp-embed.js web/embed-example.html $(WASM)/bin/playground.js $(WASM)/bin/playground.wasm $(WEB)/
	@sed "s/@VERSION@/$$(cat $(WEB)/* | sha256sum | cut -c1-16)/" web/sw.js > $(WEB)/sw.js
	@mkdir -p $(WEB)/tasks && cp docs/tasks/*.json $(WEB)/tasks/  # example task files, for lesson_src=tasks/...
	@echo "site: $(WEB)/ ($$(du -ch $(WEB)/* | tail -1 | cut -f1))"

serve: web
	node web/serve.js $(WEB) $(PORT)

# The static site as a zip that opens from any static server (or a USB stick with one).
dist: web
	@cd $(WEB) && python3 -c 'import shutil; shutil.make_archive("../backprop-playground", "zip", ".")'
	@echo "dist: build/backprop-playground.zip ($$(du -h build/backprop-playground.zip | cut -f1))"

test: web
	@$(MAKE) --no-print-directory native WITH_WEB=1
	cd $(NATIVE) && ctest --output-on-failure -j$(JOBS)

# Builds only the two bp binaries it needs, then runs them one after the other.
bench: wasm-configure native
	$(EMENV) cmake --build $(WASM) -j$(JOBS) --target bp
	node scripts/bench.js $(NATIVE)/bin/bp $(WASM)/bin/bp.js

# The engine, bp and the doctest suite (no UI) built by clang-14 with AddressSanitizer and
# UndefinedBehaviorSanitizer into build/sanitize, then every ctest entry there.
test-sanitize:
	@scripts/setup.sh sanitize
	@cmake -S . -B $(SAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBP_UI=OFF -DBP_SANITIZE=ON \
	  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DCMAKE_C_FLAGS="$(SAN_FLAGS)" -DCMAKE_CXX_FLAGS="$(SAN_FLAGS)" >/dev/null
	cmake --build $(SAN) -j$(JOBS)
	@echo "ctest -L malloc_count: the allocation-counting tests, reported skipped (ASan replaces malloc)"
	@cd $(SAN) && $(SAN_ENV) ctest -L malloc_count
	@echo "ctest -LE malloc_count: everything else"
	cd $(SAN) && $(SAN_ENV) ctest --output-on-failure -j$(JOBS) -LE malloc_count

# libFuzzer targets (fuzz/) built with coverage + ASan + UBSan into build/fuzz, each run
# FUZZ_SECONDS on its seed corpus; findings in build/fuzz/crashes/ (scripts/fuzz.sh).
fuzz:
	@scripts/setup.sh sanitize
	@cmake -S . -B $(FUZZ) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBP_UI=OFF -DBP_FUZZ=ON \
	  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DCMAKE_C_FLAGS="$(FUZZ_FLAGS)" -DCMAKE_CXX_FLAGS="$(FUZZ_FLAGS)" >/dev/null
	cmake --build $(FUZZ) -j$(JOBS) --target fuzz_formula fuzz_config fuzz_csv fuzz_lesson fuzz_record
	$(SAN_ENV) scripts/fuzz.sh $(FUZZ)/bin $(FUZZ_SECONDS) formula config csv lesson record

clean:
	rm -rf build
