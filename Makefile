# The two set-up commands of the README: `make demo` and `make test`.
# Each installs the Debian packages it needs (quietly when all are there) and builds.
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO ?= demo

.PHONY: demo test build deps clean bench

deps:
	@tools/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@tools/demo $(BUILD)/scrutiny $(DEMO)

bench: build
	@bench/run $(BUILD)

clean:
	rm -rf $(BUILD) $(DEMO)
