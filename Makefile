# The two commands of the README. Both install what is missing first (scripts/setup.sh), so they work on a fresh
# machine of this kind.
.PHONY: run test verify bench setup build fmt

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

verify:
	bash scripts/verify.sh

# Every benchmark, release builds, one table (docs/benchmarks.md); see scripts/bench.sh.
bench:
	bash scripts/bench.sh

setup:
	bash scripts/setup.sh test

build:
	PATH="$$HOME/.cargo/bin:$$PWD/end2end/node_modules/.bin:$$PATH" LEPTOS_HASH_FILES=true cargo leptos build --release --precompress

fmt:
	cargo fmt --all
