package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// flagValue is one option given on the command line, applied once
// dealaudit.yaml is read so that flags win over the file.
type flagValue struct {
	o *option
	v string
}

// register defines on fs the flags of the options table that command
// takes; their values are collected in pending.
func register(fs *flag.FlagSet, cmd cmdSet, s *settings, pending *[]flagValue) {
	for i := range options {
		o := &options[i]
		if o.flag == "" || o.cmds&cmd == 0 {
			continue
		}
		collect := func(v string) error {
			if o.flag == "config" { // read before the file it names
				return o.set(s, v)
			}
			*pending = append(*pending, flagValue{o, v})
			return nil
		}
		if o.isSwitch {
			fs.BoolFunc(o.flag, o.help, collect)
		} else {
			fs.Func(o.flag, o.help, collect)
		}
	}
}

// resolve reads the dealaudit.yaml named, if any, and then applies the
// flags over it.
func (s *settings) resolve(pending []flagValue) error {
	if s.config != "" {
		if err := s.loadConfig(s.config); err != nil {
			return err
		}
	}
	for _, f := range pending {
		if f.v == "" && !f.o.isSwitch {
			continue // an empty value leaves the option as it was
		}
		if err := f.o.set(s, f.v); err != nil {
			return usageError{fmt.Sprintf("%s%s: %v", dashes(f.o.flag), f.o.flag, err)}
		}
	}
	return nil
}

// parse parses flags and positional arguments in any order, as in
// "dealaudit build deals.csv -o report". A mistake in the flags is one
// line that names it, suggests the nearest option and points to -h; -h
// prints the command's help.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = usage; fs.SetOutput(out) }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				fs.SetOutput(out)
				usage()
				return nil, err
			}
			return nil, flagError(fs, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagError turns the flag package's error into one line for the user.
func flagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	if _, name, ok := strings.Cut(msg, ": -"); ok {
		msg = strings.Replace(msg, ": -", ": "+dashes(name), 1)
	}
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		name = strings.TrimLeft(name, "-")
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, dashes(f.Name)+f.Name) })
		msg = fmt.Sprintf("unknown option %s%s%s", dashes(name), name, suggest(dashes(name)+name, names))
	}
	if _, rest, ok := strings.Cut(msg, "invalid value "); ok {
		// "invalid value \"x\" for flag -y: reason": the option's own words
		if i := strings.LastIndex(rest, ": "); i >= 0 {
			msg = rest[i+2:]
		}
	}
	return usageError{fmt.Sprintf("%s: %s; dealaudit %s -h lists the options", fs.Name(), msg, fs.Name())}
}

// newFlagSet makes a FlagSet whose -h output is the command's help text
// followed by its options.
func newFlagSet(name, help string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), help)
		fmt.Fprintln(fs.Output(), "\nOptions:")
		printOptions(fs)
	}
	return fs
}

// dashes is how the help and the examples write an option: -o, --notes.
func dashes(name string) string {
	if len(name) == 1 {
		return "-"
	}
	return "--"
}

// printOptions lists the options as the examples write them.
func printOptions(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, help := flag.UnquoteUsage(f)
		line := "  " + dashes(f.Name) + f.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(fs.Output(), "%s\n    \t%s\n", line, strings.ReplaceAll(help, "\n", "\n    \t"))
	})
}

func needFiles(fs *flag.FlagSet, files []string) error {
	if len(files) == 0 {
		fs.Usage()
		return usageError{"no input files given"}
	}
	return nil
}

// parseCommand reads a command's arguments by the options table: the
// flags, then dealaudit.yaml (--config, or for check and build
// ./dealaudit.yaml when there is one), then the flags over it. It returns
// the settings and the files named.
func parseCommand(fs *flag.FlagSet, cmd cmdSet, args []string) (*settings, []string, error) {
	s := newSettings()
	var pending []flagValue
	register(fs, cmd, s, &pending)
	files, err := parse(fs, args)
	if err != nil {
		return nil, nil, err
	}
	if cmd != cmdInit {
		if err := s.findConfig(); err != nil {
			return nil, nil, err
		}
	}
	if err := s.resolve(pending); err != nil {
		return nil, nil, err
	}
	s.cfg.Inputs = files
	return s, files, nil
}
