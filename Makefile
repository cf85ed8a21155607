# The two commands of the README. Both install what is missing first (scripts/setup.sh), so they work on a fresh
# machine of this kind.
.PHONY: run test verify setup build fmt

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

verify:
	bash scripts/verify.sh

setup:
	bash scripts/setup.sh test

build:
	PATH="$$HOME/.cargo/bin:$$PWD/end2end/node_modules/.bin:$$PATH" cargo leptos build --release

fmt:
	cargo fmt --all
