package arabic_test

import (
	"fmt"

	"example.com/passport-update/api/fullname"
	"example.com/passport-update/tui/arabic"
)

func ExampleNormalize() {
	typed := "  مُحَمَّد   بن عَبْدِ الله\u200f "
	fmt.Printf("%q\n", fullname.Normalize(typed))
	fmt.Println(fullname.Explain(typed))
	// Output:
	// "محمد بن عبد الله"
	// Harakat and direction marks removed
}

func ExampleValidate() {
	for _, name := range []string{"محمد Ali حسن", "محمد علي", "محمد بن عبد الله"} {
		c := fullname.Validate(name)
		fmt.Printf("ok=%v err=%q warning=%q\n", c.OK(), c.Err, c.Warning)
	}
	// Output:
	// ok=false err="Latin letter ‘A’ in the 2nd name" warning=""
	// ok=true err="" warning="Only two names: a full name usually has three or more"
	// ok=true err="" warning=""
}

func ExampleWidth() {
	name := "لا إله"
	fmt.Println(arabic.Width(arabic.Display(name, arabic.ModeTerminal)), arabic.Width(arabic.Display(name, arabic.ModeApp)))
	// Output: 6 5
}
