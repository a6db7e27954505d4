# The two set-up commands of the README: `make demo` and `make test`.
# Each installs the Debian packages it needs (quietly when all are there) and builds.
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO ?= demo
FUZZ_SECONDS ?= 20

.PHONY: demo test build deps clean bench

deps:
	@tools/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

# ctest, then each fuzz target briefly (clang, in build-fuzz/; docs/returns.md "Fuzzing").
test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@SCRUTINY=$(abspath $(BUILD))/scrutiny fuzz/run $(FUZZ_SECONDS)

demo: build
	@tools/demo $(BUILD)/scrutiny $(DEMO)

bench: build
	@bench/run $(BUILD)

clean:
	rm -rf $(BUILD) build-fuzz $(DEMO)
