package hugeheap

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGodebugOff(t *testing.T) {
	assert.False(t, godebugOff(""))
	assert.True(t, godebugOff("disablethp=1"))
	assert.True(t, godebugOff("gctrace=1,disablethp=1"))
	assert.False(t, godebugOff("disablethp=1,disablethp=0"), "the last setting wins")
	assert.False(t, godebugOff("xdisablethp=1"))
}

func TestEnable_offWhenTheUserSaysSo(t *testing.T) {
	t.Setenv(DisableEnv, "0")
	assert.False(t, enableUpTo(64<<20))
	t.Setenv(DisableEnv, "")
	t.Setenv("GODEBUG", "disablethp=1")
	assert.False(t, enableUpTo(64<<20))
}
