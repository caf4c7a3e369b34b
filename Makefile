# Makefile — builds wick (build/bin/wick), its tests and tools; see README.md.
CC      ?= cc
CFLAGS  ?= -O2 -g
WFLAGS  := -std=c11 -Wall -Wextra -D_GNU_SOURCE -ffp-contract=off -Ilang -Iruntime -I.
LDLIBS  := -lm -lreadline -lpthread -ldl
KERNEL_LIBS := -lzmq -lsodium -ljansson
PREFIX  ?= /usr/local
BUILD   ?= build

LANG_SRC  := $(sort $(wildcard lang/*.c))
# libwick.a: the language, the tensor runtime and the torch bindings (everything but main).
LIB_SRC   := $(filter-out lang/main.c,$(LANG_SRC)) \
             $(sort $(wildcard runtime/*.c))
# runtime/python/**/*.py (torch.nn, optim, utils.data) embedded as source modules.
PY_SRC    := $(sort $(shell find runtime/python -name '*.py' 2>/dev/null))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/pysrc.o
MAIN_OBJ  := $(BUILD)/obj/lang/main.o
# The Jupyter kernel lives in the binary but not in libwick.a (unit tests need no ZeroMQ).
KERNEL_SRC := $(sort $(wildcard kernel/*.c))
KERNEL_OBJ := $(KERNEL_SRC:%.c=$(BUILD)/obj/%.o)
# The tensor runtime core (no dependency on lang/ except sbuf.c).
RT_SRC    := $(sort $(filter-out runtime/bind_%.c runtime/ckpt_%.c,$(wildcard runtime/*.c)))
RT_OBJ    := $(RT_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/lang/sbuf.o
RT_TEST_SRC := $(sort $(wildcard tests/runtime/test_*.c))
RT_TEST_BIN := $(RT_TEST_SRC:tests/runtime/%.c=$(BUILD)/rtests/%)
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Built for tests/ckpt.t, which runs it (with the wick-level checkpoint programs).
CKPT_TEST := $(BUILD)/tests/test_ckpt
# The AST dumper only needs the front end (arena, lexer, parser, ast, astdump, sbuf).
FRONT_SRC := $(filter lang/arena.c lang/ast.c lang/astdump.c lang/lexer.c lang/parse%.c lang/fstring.c lang/sbuf.c,$(LANG_SRC))

# The CUDA plugin, built only where nvcc exists (make CUDA=0 skips it).
NVCC ?= $(shell command -v nvcc 2>/dev/null || ls /usr/local/cuda/bin/nvcc 2>/dev/null)
CUDA ?= $(if $(NVCC),1,0)
CUDA_TEST_BIN := $(BUILD)/tests/cuda_test_alloc $(BUILD)/tests/cuda_test_loader $(BUILD)/tests/cuda_test_philox
ifeq ($(CUDA),1)
all: $(BUILD)/lib/wick_cuda.so
CUDA_TEST_BIN += $(BUILD)/tests/cuda_test_curand
endif

.PHONY: all deps run test test-asan-build bench fuzz install install-kernel clean
all: $(BUILD)/bin/wick $(BUILD)/bin/wick-astdump

$(BUILD)/obj/%.o: %.c $(wildcard lang/*.h kernel/*.h runtime/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) $(CFLAGS) $(XFLAGS) -c $< -o $@

# The CPU kernels: GCC's -O2 vectorises only loops that need no run-time alias check, which
# leaves the elementwise rows scalar; these files take -O3's cost model (vectorising never
# reassociates float arithmetic, so results keep their bits). Other compilers: unchanged.
VECFLAGS := $(shell $(CC) -fvect-cost-model=dynamic -Werror -c -x c /dev/null -o /dev/null 2>/dev/null && echo -fvect-cost-model=dynamic)
$(BUILD)/obj/runtime/cpu_%.o: XFLAGS := $(VECFLAGS)

$(BUILD)/gen/pysrc.c: $(PY_SRC) tools/embed_py.sh
	@mkdir -p $(dir $@)
	sh tools/embed_py.sh $@

$(BUILD)/obj/gen/pysrc.o: $(BUILD)/gen/pysrc.c
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/lib/libwick.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/bin/wick: $(MAIN_OBJ) $(KERNEL_OBJ) $(BUILD)/lib/libwick.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) $(KERNEL_LIBS)

$(BUILD)/bin/wick-astdump: tests/parser/astdump_main.c $(FRONT_SRC:%.c=$(BUILD)/obj/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $^ -lm

$(BUILD)/tests/test_ckpt: tests/ckpt/test_ckpt.c $(BUILD)/lib/libwick.a tests/unit/tap.h
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/lib/libwick.a $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/lib/libwick.a tests/unit/tap.h
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/lib/libwick.a $(LDLIBS)

$(BUILD)/lib/libwickrt.a: $(RT_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/rtests/%: tests/runtime/%.c $(BUILD)/lib/libwickrt.a tests/unit/tap.h
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/lib/libwickrt.a -lm -lpthread

$(BUILD)/lib/wick_cuda.so: $(wildcard cuda/*.c cuda/*.cu cuda/*.h cuda/*.cuh) runtime/backend.h runtime/tensor.h runtime/dtype.h runtime/error.h runtime/cuda_loader.h
	NVCC=$(NVCC) CC=$(CC) sh cuda/build.sh $@

$(BUILD)/tests/cuda_test_alloc: tests/cuda/test_alloc.c cuda/alloc.c cuda/alloc_report.c
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $^ -lpthread

$(BUILD)/tests/cuda_test_loader: tests/cuda/test_loader.c $(BUILD)/lib/libwickrt.a
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/lib/libwickrt.a -lm -ldl -lpthread

$(BUILD)/tests/cuda_test_philox: tests/cuda/test_philox.c cuda/philox.h tests/unit/tap.h
	@mkdir -p $(dir $@)
	$(CC) $(WFLAGS) $(CFLAGS) -o $@ $< -lm

# curand's inline device code compiled for the host, against cuda/philox.h (no GPU needed).
$(BUILD)/tests/cuda_test_curand: tests/cuda/test_curand.cu cuda/philox.h tests/unit/tap.h
	@mkdir -p $(dir $@)
	$(NVCC) -std=c++17 -O2 -o $@ $<

deps:
	@sh tools/deps.sh

run: deps all
	$(BUILD)/bin/wick

test: deps all $(UNIT_BIN) $(CKPT_TEST) $(RT_TEST_BIN) $(CUDA_TEST_BIN) test-asan-build
	prove -j2 tests/*.t $(UNIT_BIN) $(RT_TEST_BIN) $(CUDA_TEST_BIN) $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%) \
	  $(RT_TEST_SRC:tests/runtime/%.c=build-asan/rtests/%)

# The unit and language tests again under ASan+UBSan, in a separate build dir.
test-asan-build:
	$(MAKE) --no-print-directory BUILD=build-asan CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  build-asan/bin/wick build-asan/bin/wick-astdump $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%) \
	  $(RT_TEST_SRC:tests/runtime/%.c=build-asan/rtests/%)

bench: all
	bash bench/run_lang.sh
	bash bench/run_torch.sh

fuzz:
	sh tests/fuzz/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/bin/wick $(DESTDIR)$(PREFIX)/bin/wick

install-kernel: install
	sh kernelspec/install.sh $(DESTDIR)$(PREFIX)/bin/wick --prefix $(DESTDIR)$(PREFIX)

clean:
	rm -rf build build-asan
